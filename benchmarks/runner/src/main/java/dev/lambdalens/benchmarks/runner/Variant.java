package dev.lambdalens.benchmarks.runner;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One way of observing the benchmark handler: its handler class, the class path it runs on, what it must emit
 * per invocation, and the Powertools variant doing the same work (for the ratio columns).
 */
public enum Variant {
    BASELINE("baseline", Group.WORKLOAD, "dev.lambdalens.benchmarks.workload.BaselineHandler", null),

    POWERTOOLS_LOGGING("powertools-logging", Group.POWERTOOLS,
            "dev.lambdalens.benchmarks.powertools.PowertoolsLoggingHandler", null, Emission.LOG),
    POWERTOOLS_TRACING("xray-sdk-tracing", Group.POWERTOOLS,
            "dev.lambdalens.benchmarks.powertools.XRayTracingHandler", null, Emission.XRAY),
    POWERTOOLS_METRICS("powertools-metrics", Group.POWERTOOLS,
            "dev.lambdalens.benchmarks.powertools.PowertoolsMetricsHandler", null, Emission.EMF),
    POWERTOOLS_ALL("powertools-all", Group.POWERTOOLS,
            "dev.lambdalens.benchmarks.powertools.PowertoolsAllHandler", null,
            Emission.LOG, Emission.EMF, Emission.XRAY),

    LENS_LOGGING("lens-logging", Group.LENS, "dev.lambdalens.benchmarks.lens.LensLoggingHandler",
            POWERTOOLS_LOGGING, Emission.LOG),
    LENS_TRACING("lens-tracing", Group.LENS, "dev.lambdalens.benchmarks.lens.LensTracingHandler",
            POWERTOOLS_TRACING, Emission.XRAY),
    LENS_METRICS("lens-metrics", Group.LENS, "dev.lambdalens.benchmarks.lens.LensMetricsHandler",
            POWERTOOLS_METRICS, Emission.EMF),
    /** {@code @Logging @Tracing @FlushMetrics} on the handler, woven by ajc. */
    LENS_ALL_ANNOTATED("lens-all-annotated", Group.LENS, "dev.lambdalens.benchmarks.lens.LensAnnotatedHandler",
            POWERTOOLS_ALL, Emission.LOG, Emission.EMF, Emission.XRAY),
    /**
     * {@code lens-all-annotated} primed during init by the library's own priming ({@code LensRuntime.prime()}, what
     * Lambda Lens's SnapStart resource runs before a snapshot: logging, metrics and tracing), and one log line.
     */
    LENS_ALL_PRIMED("lens-all-primed", Group.LENS, "dev.lambdalens.benchmarks.lens.LensPrimedHandler",
            POWERTOOLS_ALL, Emission.LOG, Emission.EMF, Emission.XRAY),
    /** {@code ObservedHandler.wrap(...)} with the three interceptors, no AspectJ. */
    LENS_ALL_PLAIN("lens-all-plain", Group.LENS, "dev.lambdalens.benchmarks.lens.LensPlainJavaHandler",
            POWERTOOLS_ALL, Emission.LOG, Emission.EMF, Emission.XRAY),

    /**
     * {@code powertools-all} with the event logged ({@code POWERTOOLS_LOGGER_LOG_EVENT=true}): the event goes
     * through Powertools' Jackson mapper. Cold start only: the budget is on cold start.
     */
    POWERTOOLS_ALL_EVENT("powertools-all-event", Group.POWERTOOLS,
            "dev.lambdalens.benchmarks.powertools.PowertoolsAllHandler", null, Map.of(BenchmarkEnvironment.LOG_EVENT, "true"),
            Emission.LOG, Emission.EVENT_LOG, Emission.EMF, Emission.XRAY),
    /**
     * {@code lens-all-annotated} with the event logged, by the same setting ({@code POWERTOOLS_LOGGER_LOG_EVENT},
     * which {@code @Logging} reads when it does not set {@code logEvent}). Cold start only, as its counterpart.
     */
    LENS_ALL_EVENT("lens-all-event", Group.LENS, "dev.lambdalens.benchmarks.lens.LensAnnotatedHandler",
            POWERTOOLS_ALL_EVENT, Map.of(BenchmarkEnvironment.LOG_EVENT, "true"),
            Emission.LOG, Emission.EVENT_LOG, Emission.EMF, Emission.XRAY),

    /** One DynamoDB {@code GetItem} per invocation (a local endpoint in the JVM), no tracing. */
    AWS_NONE("aws-none", Group.AWS_WORKLOAD, "dev.lambdalens.benchmarks.aws.DynamoDbBaselineHandler", null),
    /** {@code aws-none} traced, with the X-Ray SDK's AWS SDK v2 instrumentor recording the call (interop). */
    AWS_XRAY_SDK("aws-xray-sdk", Group.AWS_XRAY, "dev.lambdalens.benchmarks.aws.xray.XRayInstrumentedDynamoDbHandler",
            null, Emission.XRAY, Emission.AWS_CALL),
    /** {@code aws-none} traced, with Lambda Lens's own interceptor recording the call. */
    AWS_LENS("aws-lens", Group.AWS_LENS, "dev.lambdalens.benchmarks.aws.lens.LensDynamoDbHandler",
            AWS_XRAY_SDK, Emission.XRAY, Emission.AWS_CALL);

    private final String id;
    private final Group group;
    private final String handlerClass;
    private final Variant powertoolsCounterpart;
    private final Set<Emission> emissions;
    private final Map<String, String> environment;

    Variant(String id, Group group, String handlerClass, Variant powertoolsCounterpart, Emission... emissions) {
        this(id, group, handlerClass, powertoolsCounterpart, Map.of(), emissions);
    }

    Variant(String id, Group group, String handlerClass, Variant powertoolsCounterpart,
            Map<String, String> environment, Emission... emissions) {
        this.environment = environment;
        this.id = id;
        this.group = group;
        this.handlerClass = handlerClass;
        this.powertoolsCounterpart = powertoolsCounterpart;
        this.emissions = emissions.length == 0 ? EnumSet.noneOf(Emission.class) : EnumSet.copyOf(Arrays.asList(emissions));
    }

    /** The name in reports and on the command line, e.g. {@code powertools-all}. */
    public String id() {
        return id;
    }

    public Group group() {
        return group;
    }

    public String handlerClass() {
        return handlerClass;
    }

    /** The Powertools variant doing the same work, or null for the baseline and Powertools' own variants. */
    public Variant powertoolsCounterpart() {
        return powertoolsCounterpart;
    }

    /** Variables this variant sets on top of the common environment (e.g. to log the event). */
    public Map<String, String> environment() {
        return environment;
    }

    /** What one invocation of this variant must emit. */
    public Set<Emission> emissions() {
        return emissions;
    }

    /**
     * True for variants measured at cold start only: warm, {@code lens-all-primed} runs exactly the code of
     * {@code lens-all-annotated}, so JMH would measure the same thing twice; the event-logging variants have a
     * cold-start budget only.
     */
    public boolean coldStartOnly() {
        return this == LENS_ALL_PRIMED || this == LENS_ALL_EVENT || this == POWERTOOLS_ALL_EVENT;
    }

    public static Variant byId(String id) {
        for (Variant variant : values()) {
            if (variant.id.equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("No variant " + id + "; known: " + Arrays.toString(values()));
    }

    @Override
    public String toString() {
        return id;
    }

    /** A class path: one Maven module of benchmarks/ and its runtime dependencies. */
    public enum Group {
        /** The workload alone: no observability library at all. */
        WORKLOAD("workload"),
        /** Lambda Lens with Logback. */
        LENS("lens-handlers"),
        /** Powertools 2.9.0 with log4j2, and the X-Ray SDK. */
        POWERTOOLS("powertools-handlers"),
        /** The workload with a DynamoDB call and the AWS SDK, no tracing. */
        AWS_WORKLOAD("aws-workload"),
        /** That with Lambda Lens tracing, which records the AWS call itself. */
        AWS_LENS("aws-lens-handlers"),
        /** That with the X-Ray SDK's AWS SDK v2 instrumentor as well. */
        AWS_XRAY("aws-xray-handlers");

        private final String module;

        Group(String module) {
            this.module = module;
        }

        /** The module folder under benchmarks/. */
        public String module() {
            return module;
        }
    }
}
