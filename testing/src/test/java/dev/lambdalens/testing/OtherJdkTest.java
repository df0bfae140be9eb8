package dev.lambdalens.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.handlers.ContextReportingHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The child JVM can run on another JDK than the tests, e.g. to check a library on JDK 17 and 25 at once. */
class OtherJdkTest {
    /** The JDK to try: {@code LAMBDALENS_OTHER_JDK}, else Temurin 25 where this project's CI installs it. */
    private static final Path OTHER_JDK = Path.of(System.getenv().getOrDefault("LAMBDALENS_OTHER_JDK",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void runsTheFunctionOnTheJdkGivenAsJavaHome() throws Exception {
        assumeTrue(Files.isExecutable(OTHER_JDK.resolve("bin/java")),
                () -> "skipped: no JDK at " + OTHER_JDK + " (set LAMBDALENS_OTHER_JDK)");
        int expected = Integer.parseInt(new ProcessBuilder(OTHER_JDK.resolve("bin/java").toString(), "-version")
                .redirectErrorStream(true).start().inputReader().readLine().replaceAll("^\\D*\"?(\\d+).*$", "$1"));

        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                .handler(ContextReportingHandler.class.getName())
                .javaHome(OTHER_JDK)
                .build()) {
            Invocation invocation = runtime.invoke("{}");

            assertEquals(InvocationStatus.SUCCESS, invocation.status(), invocation::toString);
            assertEquals(expected, new ObjectMapper().readTree(invocation.response().orElseThrow())
                    .path("javaVersion").asInt());
        }
    }
}
