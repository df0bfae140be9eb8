package dev.lambdalens.logging;

import dev.lambdalens.testing.TestContext;
import dev.lambdalens.testing.TestLens;

import java.util.Map;

/**
 * The test kit as these tests use it: a {@link TestLens} whose environment names the function "orders" and
 * the service "payments" (what the assertions expect), and contexts with one fixed sampled trace header.
 */
final class Kit {
    static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";

    private Kit() {
    }

    static TestLens lens() {
        return lens(Map.of());
    }

    static TestLens lens(Map<String, String> extra) {
        TestLens.Builder builder = TestLens.builder()
                .env("AWS_LAMBDA_FUNCTION_NAME", "orders")
                .env("POWERTOOLS_SERVICE_NAME", "payments");
        extra.forEach(builder::env);
        return builder.build();
    }

    /** A context of {@code lens} (its clock, function name and region) with the fixed trace header. */
    static TestContext context(TestLens lens, String requestId) {
        return lens.context().awsRequestId(requestId).xrayTraceId(TRACE_HEADER).build();
    }
}
