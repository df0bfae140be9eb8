package dev.lambdalens.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.internal.CarrierRegistry;
import dev.lambdalens.core.internal.DeadlineWatch;
import dev.lambdalens.core.internal.EnvironmentRandom;
import dev.lambdalens.core.internal.SnapStartHook;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.core.spi.Primer;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.core.spi.ThreadContextCarrier;
import dev.lambdalens.core.internal.TraceHeaderResolver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * What Lambda Lens knows about the execution environment, shared by every invocation in it: configuration,
 * the environment, the cold-start decision, the clock and the diagnostics channel. Opens one
 * {@link InvocationScope} per invocation.
 *
 * <p>Handlers normally use {@link #global()}, read from the process environment on first use. Tests build
 * their own with {@link #builder()} and hand it to the component under test, so no test mutates the
 * environment or global state.
 */
public final class LensRuntime {
    private static volatile LensRuntime global;

    private final Configuration configuration;
    private final LambdaEnvironment environment;
    private final ColdStart coldStart;
    private final Clock clock;
    private final Diagnostics diagnostics;
    private final TraceHeaderResolver traceHeaderResolver;
    private final DeadlineWatch deadlineWatch = new DeadlineWatch();
    private final CarrierRegistry carriers;
    private final DocumentSink documentSink;
    /** One object per type that modules keep for this runtime (a tracer, a masking policy). */
    private final ConcurrentHashMap<Class<?>, Object> components = new ConcurrentHashMap<>();
    /** The SnapStart hook, kept here because CRaC contexts hold their resources weakly. */
    private final Object snapStartHook;
    private volatile List<Primer> primers;

    private LensRuntime(Builder builder) {
        this.configuration = builder.configuration;
        this.diagnostics = builder.diagnostics;
        this.environment = LambdaEnvironment.from(configuration, diagnostics);
        this.coldStart = new ColdStart(environment.initializationType());
        this.clock = builder.clock;
        this.carriers = new CarrierRegistry(diagnostics);
        this.documentSink = builder.documentSink;
        this.snapStartHook = environment.initializationType() == InitializationType.SNAP_START
                ? registerSnapStartHook(builder.checkpointContext) : null;
        this.traceHeaderResolver = new TraceHeaderResolver(configuration, builder.systemProperties, diagnostics);
    }

    /** The runtime of this JVM, read from the process environment on first use. */
    public static LensRuntime global() {
        LensRuntime runtime = global;
        if (runtime == null) {
            synchronized (LensRuntime.class) {
                runtime = global;
                if (runtime == null) {
                    runtime = builder().build();
                    global = runtime;
                }
            }
        }
        return runtime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an invocation, or joins the one already current on this thread for the same request (several
     * handler wrappers on one method share one scope). Close the returned activation when the handler
     * returns or throws; only the activation that opened the scope ends the invocation. Never throws.
     *
     * @param context Lambda's context; {@code null} gives a scope without request id or deadline
     */
    public InvocationScope.Activation enter(Context context) {
        InvocationScope current = InvocationScope.current();
        if (current != null && !current.isClosed() && sameInvocation(current, context)) {
            return current.activate();
        }
        InvocationScope scope = new InvocationScope(this, context, traceHeaderResolver.resolve(context),
                coldStart.claim(), clock.millis());
        return scope.activate(true);
    }

    /**
     * The trace header of the invocation the runtime client is running, for code that runs without an
     * {@link InvocationScope} (no handler wrapper): the runtime client's system property, else Lambda's
     * environment variable; {@code null} when there is none (outside Lambda, or with several invocations at once,
     * where only the {@code Context} has it) or it is malformed (reported once). For modules. Never throws.
     */
    public TraceHeader currentTraceHeader() {
        return traceHeaderResolver.resolve(null);
    }

    public Configuration configuration() {
        return configuration;
    }

    public LambdaEnvironment environment() {
        return environment;
    }

    public Clock clock() {
        return clock;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Where modules write finished documents instead of their default outputs, or {@code null} for the
     * defaults (log lines and EMF documents on standard output, X-Ray documents to the daemon). A test runtime
     * sets one to collect them in memory.
     */
    /**
     * This runtime's one {@code type} object, made by {@code factory} on first use and kept as long as the
     * runtime: how Lambda Lens modules keep what they build from its configuration (a tracer, the masking
     * policy) without a static map and its lock on every invocation. For modules, not handlers.
     */
    public <T> T component(Class<T> type, Function<LensRuntime, ? extends T> factory) {
        Object existing = components.get(type);
        if (existing == null) {
            // Not computeIfAbsent: a factory may itself ask for another component (a tracer for the policy).
            T made = factory.apply(this);
            existing = components.putIfAbsent(type, made);
            if (existing == null) {
                existing = made;
            }
        }
        return type.cast(existing);
    }

    public DocumentSink documentSink() {
        return documentSink;
    }

    /**
     * Registers a module's thread-bound state to travel with the scope to other threads (see
     * {@link InvocationScope#wrap(Runnable)}). Idempotent. For module authors.
     */
    public void addCarrier(ThreadContextCarrier carrier) {
        carriers.add(carrier);
    }

    /**
     * Primes every module on the class path (see {@link Primer}): each one's hot path runs once, writing and
     * sending nothing and leaving no state. In a SnapStart environment
     * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) Lambda Lens calls this itself before the snapshot,
     * through a CRaC resource registered when the runtime is made (the first use of Lambda Lens during init: a
     * Logback logger, {@code MetricsFactory}, a builder's {@code build()}); call it from init code to prime
     * elsewhere, e.g. with provisioned concurrency. Never throws.
     */
    public void prime() {
        for (Primer primer : primers()) {
            PrimingInvocation.prime(this, primer);
        }
    }

    /**
     * After a SnapStart restore: refreshes what environments restored from one snapshot must not share (the salt
     * of ids and sampling decisions, see {@link EnvironmentRandom}) and lets every module refresh its own (tracing
     * reopens the daemon socket). Lambda Lens calls this itself in a SnapStart environment. Never throws.
     */
    public void afterRestore() {
        try {
            EnvironmentRandom.reseed();
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("restore:random", "could not draw a new random salt after the restore; ids and "
                    + "sampling may repeat those of other environments restored from the same snapshot", e);
        }
        for (Primer primer : primers()) {
            try {
                primer.afterRestore(this);
            } catch (RuntimeException | LinkageError e) {
                diagnostics.reportOnce("restore:" + primer.getClass().getName(), primer.getClass().getSimpleName()
                        + " failed after the restore", e);
            }
        }
    }

    private List<Primer> primers() {
        List<Primer> found = primers;
        if (found == null) {
            List<Primer> loaded = new ArrayList<>(4);
            try {
                for (Primer primer : ServiceLoader.load(Primer.class, LensRuntime.class.getClassLoader())) {
                    loaded.add(primer);
                }
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                diagnostics.reportOnce("prime:discovery", "could not find the modules' primers", e);
            }
            found = List.copyOf(loaded);
            primers = found;
        }
        return found;
    }

    private Object registerSnapStartHook(Object checkpointContext) {
        try {
            return SnapStartHook.register(this, checkpointContext);
        } catch (RuntimeException | LinkageError e) {
            diagnostics.reportOnce("prime:register", "could not register the SnapStart priming hook (is org.crac:crac "
                    + "on the class path?); the first invocation after a restore is not primed", e);
            return null;
        }
    }

    DeadlineWatch deadlineWatch() {
        return deadlineWatch;
    }

    CarrierRegistry carriers() {
        return carriers;
    }

    private static boolean sameInvocation(InvocationScope current, Context context) {
        if (context == null) {
            return true;
        }
        return Objects.equals(current.requestId(), context.getAwsRequestId());
    }

    /** Builds a runtime; every setting has the default a Lambda function wants. */
    public static final class Builder {
        private Configuration configuration = Configuration.environment();
        private Clock clock = Clock.systemUTC();
        private Diagnostics diagnostics = Diagnostics.global();
        private Configuration systemProperties = System::getProperty;
        private DocumentSink documentSink;
        private Object checkpointContext;

        private Builder() {
        }

        /** Where settings come from; the process environment by default. */
        public Builder configuration(Configuration configuration) {
            this.configuration = Objects.requireNonNull(configuration, "configuration");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder diagnostics(Diagnostics diagnostics) {
            this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
            return this;
        }

        /** Where the runtime client's trace header property is read; {@link System#getProperty} by default. */
        public Builder systemProperties(Configuration systemProperties) {
            this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
            return this;
        }

        /** Where modules write finished documents instead of standard output and the X-Ray daemon. */
        public Builder documentSink(DocumentSink documentSink) {
            this.documentSink = Objects.requireNonNull(documentSink, "documentSink");
            return this;
        }

        /**
         * The {@code org.crac.Context<org.crac.Resource>} the SnapStart priming hook is registered in, in a
         * SnapStart environment; org.crac's global context by default. Typed {@code Object} so that runtimes
         * elsewhere never load org.crac; tests pass a context of their own and drive it as CRaC does.
         */
        public Builder checkpointContext(Object checkpointContext) {
            this.checkpointContext = Objects.requireNonNull(checkpointContext, "checkpointContext");
            return this;
        }

        public LensRuntime build() {
            return new LensRuntime(this);
        }
    }
}
