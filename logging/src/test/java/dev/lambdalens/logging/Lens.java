package dev.lambdalens.logging;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.testing.TestContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A runtime of its own per test, with a Lambda-like environment and diagnostics collected in a list. */
final class Lens {
    static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";

    final List<String> diagnostics = new CopyOnWriteArrayList<>();
    final LensRuntime runtime;

    Lens(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "orders");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("POWERTOOLS_SERVICE_NAME", "payments");
        env.putAll(extra);
        runtime = LensRuntime.builder().configuration(Configuration.of(env))
                .diagnostics(new Diagnostics(diagnostics::add))
                .systemProperties(key -> null)
                .build();
    }

    Lens() {
        this(Map.of());
    }

    static TestContext context(String requestId) {
        return TestContext.builder().awsRequestId(requestId).functionName("orders")
                .xrayTraceId(TRACE_HEADER).build();
    }
}
