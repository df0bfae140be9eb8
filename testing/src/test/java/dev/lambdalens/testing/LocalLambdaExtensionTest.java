package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.handlers.ContextReportingHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LocalLambdaExtensionTest {

    @RegisterExtension
    static final LocalLambdaExtension LAMBDA = LocalLambdaExtension.builder()
            .withXRayDaemon()
            .runtime(runtime -> runtime.handler(ContextReportingHandler.class.getName()).functionName("extension"))
            .build();

    @Test
    void wiresTheRuntimeToTheDaemon(LocalLambdaRuntime runtime, LocalXRayDaemon daemon) throws Exception {
        assertSame(LAMBDA.runtime(), runtime);
        assertSame(LAMBDA.daemon(), daemon);

        Invocation invocation = runtime.invoke("{}");

        assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
        assertEquals(daemon.address(), new ObjectMapper().readTree(invocation.response().orElseThrow())
                .path("env").path("AWS_XRAY_DAEMON_ADDRESS").asText());
    }

    @Test
    void resolvesAFreshTestContextNamedAfterTheTestClass(TestContext first, TestContext second) {
        assertEquals("LocalLambdaExtensionTest", first.getFunctionName());
        assertEquals(first.getFunctionName(), second.getFunctionName());
        assertNotEquals(first.getAwsRequestId(), second.getAwsRequestId());
    }
}
