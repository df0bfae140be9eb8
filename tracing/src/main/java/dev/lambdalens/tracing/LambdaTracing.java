package dev.lambdalens.tracing;

import dev.lambdalens.core.spi.InvocationInterceptor;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.PrimingInvocation;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.tracing.internal.CurrentSpan;
import dev.lambdalens.tracing.internal.HandlerSubsegmentInterceptor;
import dev.lambdalens.tracing.internal.NoopSubsegment;
import dev.lambdalens.tracing.internal.Span;
import dev.lambdalens.tracing.internal.TracedCall;
import dev.lambdalens.tracing.internal.Tracer;
import dev.lambdalens.tracing.internal.TracingPrimer;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * X-Ray tracing in plain Java, with the same powers as {@link Tracing @Tracing}.
 *
 * <pre>{@code
 * RequestHandler<Order, Receipt> handler = ObservedHandler.wrap(this::handle)
 *         .with(LambdaTracing.interceptor())
 *         .build();
 *
 * Receipt handle(Order order, Context context) {
 *     Price price = LambdaTracing.withSubsegment("price", () -> prices.of(order)); // "## price"
 *     LambdaTracing.putAnnotation("customer", order.customerId());
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: work handed to an executor with {@code InvocationScope.propagating(executor)}, or wrapped with
 * {@code InvocationScope.current().wrap(task)}, runs with the submitting thread's current subsegment as parent,
 * together with the log keys and metrics of the invocation.
 *
 * <p>Nothing here throws into the function: invalid names, keys and values are reported once on standard error
 * and the work goes on. Untraced invocations (not sampled, {@code POWERTOOLS_TRACE_DISABLED=true}) run the code
 * with a no-op subsegment and send nothing.
 */
public final class LambdaTracing {
    private static final TracingInterceptor DEFAULT = builder().build();

    private LambdaTracing() {
    }

    /**
     * The interceptor that records the handler subsegment {@code ## handleRequest}, for
     * {@link ObservedHandler.Builder#with(InvocationInterceptor)}.
     */
    public static TracingInterceptor interceptor() {
        return DEFAULT;
    }

    /** Configures a handler interceptor with another name, metadata namespace or capture mode. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs tracing's hot path once now (a handler subsegment with a nested one rendered into a datagram, the
     * daemon socket opened), sending nothing and leaving no state, so the first invocation does not pay for it.
     * A SnapStart function needs no call: Lambda Lens primes every module itself before the snapshot. Call it
     * from init code elsewhere, e.g. with provisioned concurrency. With X-Ray SDK interop on, this also
     * initializes the X-Ray SDK, which is where nearly all of the first invocation's tracing cost is. Never throws.
     */
    public static void prime() {
        PrimingInvocation.prime(LensRuntime.global(), new TracingPrimer());
    }

    /**
     * Runs {@code work} in a subsegment named {@code ## name} (as Powertools' {@code TracingUtils.withSubsegment};
     * a name that already starts with {@code ## } is kept) and returns its result.
     */
    public static <T> T withSubsegment(String name, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return withSubsegment(name, (Function<TracedSubsegment, T>) subsegment -> work.get());
    }

    /**
     * Runs {@code work}, which returns nothing, in a subsegment named {@code ## name}, handing it the subsegment
     * for annotations and metadata: Powertools' {@code withSubsegment(name, Consumer<Subsegment>)}. As
     * {@link #withSubsegment(String, Function)} otherwise.
     */
    public static void withSubsegment(String name, Consumer<TracedSubsegment> work) {
        Objects.requireNonNull(work, "work");
        withSubsegment(name, new Function<TracedSubsegment, Void>() {
            @Override
            public Void apply(TracedSubsegment subsegment) {
                work.accept(subsegment);
                return null;
            }
        });
    }

    /**
     * Runs {@code work} in a subsegment named {@code ## name} (a name that already starts with {@code ## } is
     * kept), handing it the subsegment for annotations and metadata, and returns its result. An exception marks
     * the subsegment as failed (recorded with its stack when {@code POWERTOOLS_TRACER_CAPTURE_ERROR=true}) and is
     * rethrown unchanged. Without a handler wrapper ({@code @Tracing} or {@code ObservedHandler}), the
     * subsegment is sent alone under the segment of the invocation the runtime client runs, as the X-Ray SDK
     * does in Lambda.
     */
    public static <T> T withSubsegment(String name, Function<TracedSubsegment, T> work) {
        // A null or invalid name is repaired and reported (SubsegmentNames): the work runs and still shows.
        Objects.requireNonNull(work, "work");
        String prefixed = functionalName(name);
        try {
            return TracedCall.run(prefixed, null, prefixed, CaptureMode.ENVIRONMENT_VAR, false, work::apply);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // A Function cannot throw checked exceptions; one thrown sneakily is passed on untouched.
            throw LambdaTracing.<RuntimeException>sneaky(e);
        }
    }

    /** The current subsegment, or a no-op one when nothing is traced on this thread. */
    public static TracedSubsegment current() {
        Span span = CurrentSpan.get();
        return span != null ? span : NoopSubsegment.INSTANCE;
    }

    /** Adds a string annotation to the current subsegment. */
    public static void putAnnotation(String key, String value) {
        current().putAnnotation(key, value);
    }

    /** Adds a numeric annotation to the current subsegment. */
    public static void putAnnotation(String key, Number value) {
        current().putAnnotation(key, value);
    }

    /** Adds a boolean annotation to the current subsegment. */
    public static void putAnnotation(String key, boolean value) {
        current().putAnnotation(key, value);
    }

    /**
     * Adds metadata to the current subsegment under its namespace: {@code @Tracing(namespace)} of the traced
     * method, else the service name (as Powertools).
     */
    public static void putMetadata(String key, Object value) {
        current().putMetadata(key, value);
    }

    /** Adds metadata to the current subsegment under {@code namespace}. */
    public static void putMetadata(String namespace, String key, Object value) {
        current().putMetadata(namespace, key, value);
    }

    /** Powertools' name of a functional subsegment, {@code ## name}; null stays null, to be repaired and reported. */
    private static String functionalName(String name) {
        return name == null || name.startsWith("## ") ? name : "## ".concat(name);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** Builds a handler interceptor; every setting has Powertools' default. */
    public static final class Builder {
        private String segmentName = "## handleRequest";
        private String namespace;
        private String method = "handleRequest";
        private CaptureMode captureMode = CaptureMode.ENVIRONMENT_VAR;
        private LensRuntime runtime;

        private Builder() {
        }

        /** The handler subsegment's name; {@code ## handleRequest} by default. */
        public Builder segmentName(String segmentName) {
            this.segmentName = Objects.requireNonNull(segmentName, "segmentName");
            return this;
        }

        /** The metadata namespace of the response and error; the service name by default. */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /** The method name the response and error are recorded under; {@code handleRequest} by default. */
        public Builder methodName(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Whether the response and error are recorded; as the environment says by default. */
        public Builder captureMode(CaptureMode captureMode) {
            this.captureMode = Objects.requireNonNull(captureMode, "captureMode");
            return this;
        }

        /**
         * The runtime whose {@link TracingSettings} are read now, at {@link #build()}, so that a mistake in them is
         * reported at init; each invocation uses the settings of its own runtime (this one when it is also handed
         * to {@code ObservedHandler.wrap(...).runtime(...)}). Without it, the settings are read at the first
         * traced invocation.
         */
        public Builder runtime(LensRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        public TracingInterceptor build() {
            if (runtime != null) {
                Tracer.of(runtime);
            }
            return new TracingInterceptor(new HandlerSubsegmentInterceptor(segmentName, namespace, method,
                    captureMode, true));
        }
    }
}
