package dev.lambdalens.core;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdalens.core.spi.Interception;
import dev.lambdalens.core.spi.InvocationInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes a {@link RequestHandler} observable without AspectJ: the plain-Java twin of annotating
 * {@code handleRequest} with {@code @Logging @Tracing @FlushMetrics}.
 *
 * <pre>{@code
 * public final class Handler implements RequestHandler<Map<String, Object>, String> {
 *     private final RequestHandler<Map<String, Object>, String> observed = ObservedHandler.wrap(this::handle)
 *             .with(LambdaLogging.interceptor())
 *             .build();
 *
 *     public String handleRequest(Map<String, Object> event, Context context) {
 *         return observed.handleRequest(event, context);
 *     }
 * }
 * }</pre>
 *
 * @param <I> the event type
 * @param <O> the response type
 */
public final class ObservedHandler<I, O> implements RequestHandler<I, O> {
    private final RequestHandler<I, O> delegate;
    private final List<InvocationInterceptor> interceptors;
    private final LensRuntime runtime;

    private ObservedHandler(Builder<I, O> builder) {
        this.delegate = builder.delegate;
        this.interceptors = List.copyOf(builder.interceptors);
        this.runtime = builder.runtime;
    }

    /** Starts wrapping {@code handler}. */
    public static <I, O> Builder<I, O> wrap(RequestHandler<I, O> handler) {
        return new Builder<>(handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public O handleRequest(I event, Context context) {
        try {
            return (O) Interception.around(runtime(), context, event, interceptors,
                    () -> delegate.handleRequest(event, context));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // RequestHandler cannot declare checked exceptions; a sneaky one is passed on untouched.
            throw ObservedHandler.<RuntimeException>sneaky(e);
        }
    }

    private LensRuntime runtime() {
        return runtime != null ? runtime : LensRuntime.global();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable e) throws T {
        throw (T) e;
    }

    /** Builds an {@link ObservedHandler}. */
    public static final class Builder<I, O> {
        private final RequestHandler<I, O> delegate;
        private final List<InvocationInterceptor> interceptors = new ArrayList<>(3);
        private LensRuntime runtime;

        private Builder(RequestHandler<I, O> delegate) {
            this.delegate = Objects.requireNonNull(delegate, "handler");
        }

        /** Adds an interceptor; the first added runs outermost. */
        public Builder<I, O> with(InvocationInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** The runtime to use; {@link LensRuntime#global()} by default. */
        public Builder<I, O> runtime(LensRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        public ObservedHandler<I, O> build() {
            return new ObservedHandler<>(this);
        }
    }
}
