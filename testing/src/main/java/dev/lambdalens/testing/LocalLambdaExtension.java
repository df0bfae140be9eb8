package dev.lambdalens.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A JUnit 5 extension that gives a test class a {@link LocalXRayDaemon} and/or a {@link LocalLambdaRuntime},
 * started before its first test and closed after its last, and resolves test method parameters of type
 * {@link TestContext}, {@link LocalLambdaRuntime} and {@link LocalXRayDaemon}.
 *
 * <pre>{@code
 * class OrdersHandlerIT {
 *     @RegisterExtension
 *     static final LocalLambdaExtension lambda = LocalLambdaExtension.builder()
 *             .withXRayDaemon()
 *             .runtime(runtime -> runtime.handler("com.example.OrdersHandler::handleRequest"))
 *             .build();
 *
 *     @Test
 *     void createsAnOrder() {
 *         Invocation invocation = lambda.runtime().invoke("{}");
 *         lambda.daemon().awaitDocuments(1, Duration.ofSeconds(5));
 *     }
 * }
 * }</pre>
 *
 * Register it on a static field so one runtime serves the whole class; the child JVM is reused across tests
 * (warm starts) until a timeout or crash replaces it. With the daemon enabled, the runtime is wired to it. For
 * {@link TestContext} parameters alone, {@code @ExtendWith(LocalLambdaExtension.class)} is enough.
 */
public final class LocalLambdaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final boolean withDaemon;
    private final Consumer<LocalLambdaRuntime.Builder> runtimeConfiguration;
    private LocalXRayDaemon daemon;
    private LocalLambdaRuntime runtime;

    /** An extension with neither daemon nor runtime, which resolves {@link TestContext} parameters. */
    public LocalLambdaExtension() {
        this(false, null);
    }

    private LocalLambdaExtension(boolean withDaemon, Consumer<LocalLambdaRuntime.Builder> runtimeConfiguration) {
        this.withDaemon = withDaemon;
        this.runtimeConfiguration = runtimeConfiguration;
    }

    /** A builder for an extension with a daemon, a runtime, or both. */
    public static Builder builder() {
        return new Builder();
    }

    /** The daemon of the running test class. */
    public LocalXRayDaemon daemon() {
        if (daemon == null) {
            throw new IllegalStateException("No X-Ray daemon: build the extension withXRayDaemon() and register it"
                    + " on a static field");
        }
        return daemon;
    }

    /** The runtime of the running test class. */
    public LocalLambdaRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("No runtime: build the extension with runtime(...) and register it"
                    + " on a static field");
        }
        return runtime;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (withDaemon) {
            daemon = LocalXRayDaemon.start();
        }
        if (runtimeConfiguration != null) {
            LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder();
            if (daemon != null) {
                builder.xrayDaemonAddress(daemon.address());
            }
            runtimeConfiguration.accept(builder);
            runtime = builder.build();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            runtime = null;
            if (daemon != null) {
                daemon.close();
            }
            daemon = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestContext.class
                || (type == LocalLambdaRuntime.class && runtime != null)
                || (type == LocalXRayDaemon.class && daemon != null);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == LocalLambdaRuntime.class) {
            return runtime;
        }
        if (type == LocalXRayDaemon.class) {
            return daemon;
        }
        // A fresh context per parameter, named after the test so its log lines are easy to place.
        return TestContext.builder().functionName(extensionContext.getRequiredTestClass().getSimpleName()).build();
    }

    /** Configures a {@link LocalLambdaExtension}. */
    public static final class Builder {
        private boolean withDaemon;
        private Consumer<LocalLambdaRuntime.Builder> runtimeConfiguration;

        private Builder() {
        }

        /** Starts a {@link LocalXRayDaemon} for the class and points the runtime, if any, at it. */
        public Builder withXRayDaemon() {
            this.withDaemon = true;
            return this;
        }

        /**
         * Builds a {@link LocalLambdaRuntime} for the class; the configuration must at least set the handler.
         * It runs after the daemon address is set, so it may override it.
         */
        public Builder runtime(Consumer<LocalLambdaRuntime.Builder> configuration) {
            this.runtimeConfiguration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        /** Builds the extension. */
        public LocalLambdaExtension build() {
            return new LocalLambdaExtension(withDaemon, runtimeConfiguration);
        }
    }
}
