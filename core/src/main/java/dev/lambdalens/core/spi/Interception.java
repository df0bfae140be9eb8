package dev.lambdalens.core.spi;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;

import java.util.List;

/**
 * Runs a handler call inside an invocation scope with a list of interceptors around it: {@code before} in
 * order, {@code after} in reverse order, every interceptor call guarded so that an error inside Lambda Lens
 * is reported once and never reaches the handler's caller. The handler's own result or exception passes
 * through unchanged.
 */
public final class Interception {

    /** The handler call being observed. */
    @FunctionalInterface
    public interface HandlerCall {
        Object proceed() throws Throwable;
    }

    private Interception() {
    }

    /**
     * Enters (or joins) the invocation of {@code context}, runs the interceptors around {@code call} and
     * returns what the call returned.
     */
    public static Object around(LensRuntime runtime, Context context, Object event,
                                List<? extends InvocationInterceptor> interceptors, HandlerCall call) throws Throwable {
        try (InvocationScope.Activation activation = runtime.enter(context)) {
            InvocationScope scope = activation.scope();
            int size = interceptors.size();
            for (int i = 0; i < size; i++) {
                InvocationInterceptor interceptor = interceptors.get(i);
                try {
                    interceptor.beforeHandler(scope, event);
                } catch (RuntimeException | LinkageError e) {
                    reportFailure(runtime, interceptor, "beforeHandler", e);
                }
            }
            try {
                Object response = call.proceed();
                for (int i = size - 1; i >= 0; i--) {
                    InvocationInterceptor interceptor = interceptors.get(i);
                    try {
                        interceptor.afterSuccess(scope, event, response);
                    } catch (RuntimeException | LinkageError e) {
                        reportFailure(runtime, interceptor, "afterSuccess", e);
                    }
                }
                return response;
            } catch (Throwable error) {
                for (int i = size - 1; i >= 0; i--) {
                    InvocationInterceptor interceptor = interceptors.get(i);
                    try {
                        interceptor.afterFailure(scope, event, error);
                    } catch (RuntimeException | LinkageError e) {
                        reportFailure(runtime, interceptor, "afterFailure", e);
                    }
                }
                throw error;
            } finally {
                for (int i = size - 1; i >= 0; i--) {
                    InvocationInterceptor interceptor = interceptors.get(i);
                    try {
                        interceptor.afterHandler(scope);
                    } catch (RuntimeException | LinkageError e) {
                        reportFailure(runtime, interceptor, "afterHandler", e);
                    }
                }
            }
        }
    }

    /** The first {@link Context} among a handler method's arguments, or {@code null}. */
    public static Context findContext(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof Context) {
                return (Context) argument;
            }
        }
        return null;
    }

    private static void reportFailure(LensRuntime runtime, InvocationInterceptor interceptor, String phase,
                                      Throwable error) {
        runtime.diagnostics().reportOnce("interceptor:" + interceptor.getClass().getName() + ":" + phase,
                interceptor.getClass().getSimpleName() + "." + phase + " failed; the handler goes on", error);
    }
}
