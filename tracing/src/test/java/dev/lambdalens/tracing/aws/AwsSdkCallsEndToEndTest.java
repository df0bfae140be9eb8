package dev.lambdalens.tracing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import dev.lambdalens.testsupport.SharedSchemas;
import dev.lambdalens.testing.XRayDatagram;
import dev.lambdalens.tracing.handlers.LocalAwsEndpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An AWS SDK call in a function run by the real runtime client, traced by Lambda Lens alone. */
class AwsSdkCallsEndToEndTest {
    private static final Pattern XRAY_SDK_OR_JACKSON =
            Pattern.compile("\\] (com\\.amazonaws\\.xray|com\\.fasterxml\\.jackson\\.databind)\\.");

    @Test
    void theCallNestsUnderTheHandlerSubsegmentAndTheServiceReceivesItAsParent() throws Exception {
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalAwsEndpoint aws = LocalAwsEndpoint.start();
             LocalLambdaRuntime runtime = LocalLambdaRuntime.builder()
                     .handler("dev.lambdalens.tracing.handlers.AwsCallHandler::handleRequest")
                     .xrayDaemonAddress(daemon.address())
                     .env("LAMBDA_LENS_TRACING_SDK_INTEROP", "false")
                     .jvmArg("-Xlog:class+load=info:stdout")
                     .build()) {
            String event = new ObjectMapper().writeValueAsString(
                    java.util.Map.of("endpoint", aws.uri().toString(), "id", "o-1"));
            Invocation invocation = runtime.invoke(event);
            assertEquals("\"o-1\"", invocation.response().orElseThrow(), invocation::toString);

            JsonNode handler = daemon.awaitDocuments(1, Duration.ofSeconds(5)).get(0);
            for (XRayDatagram datagram : daemon.datagrams()) {
                assertEquals(List.of(), SharedSchemas.violations(SharedSchemas.XRAY_SEGMENT,
                        datagram.document().orElseThrow()), datagram::raw);
            }
            assertEquals("## handleRequest", handler.path("name").asText());
            assertEquals(invocation.traceParent().orElseThrow(), handler.path("parent_id").asText());
            JsonNode load = handler.path("subsegments").get(0);
            assertEquals("## load", load.path("name").asText(), handler::toString);
            JsonNode call = load.path("subsegments").get(0);
            assertEquals("DynamoDb", call.path("name").asText(), handler::toString);
            assertEquals("GetItem", call.path("aws").path("operation").asText());
            assertEquals("orders", call.path("aws").path("table_name").asText());

            // The runtime sets AWS_LAMBDA_FUNCTION_NAME, so the SDK's own interceptor would send Lambda's header
            // (the function's segment as parent); the service must see the call's subsegment instead.
            String header = aws.requests().get(0).header("X-Amzn-Trace-Id");
            assertEquals("Root=" + invocation.traceRoot().orElseThrow() + ";Parent=" + call.path("id").asText()
                    + ";Sampled=1", header);

            List<String> loaded = new ArrayList<>(runtime.stdoutLines().stream()
                    .filter(line -> XRAY_SDK_OR_JACKSON.matcher(line).find()).toList());
            assertTrue(runtime.stdoutLines().stream().anyMatch(l -> l.contains("] software.amazon.awssdk.core.")));
            assertEquals(List.of(), loaded, "no X-Ray SDK or Jackson class is loaded");
        }
    }
}
