package dev.lambdalens.core.spi;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.ObservedHandler;

import java.util.function.Function;

/**
 * A throwaway invocation for a {@link Primer}: the module's real interceptor and hot path run once, in a runtime
 * of their own that shares the function's configuration and diagnostics but drops every document it is given
 * and claims no cold start, so the function's runtime keeps its state (its cold start, its scopes) untouched.
 * The invocation has a sampled trace header and no deadline, so nothing is scheduled.
 */
public final class PrimingInvocation {
    private static final String TRACE_HEADER =
            "Root=1-00000000-000000000000000000000000;Parent=0000000000000001;Sampled=1";

    private PrimingInvocation() {
    }

    /**
     * Runs {@code primer} against {@code runtime}; a failure is reported once and the function goes on. What
     * {@link LensRuntime#prime()} does for each module, and each module's own {@code prime()}. Never throws.
     */
    public static void prime(LensRuntime runtime, Primer primer) {
        try {
            primer.prime(runtime);
        } catch (RuntimeException | LinkageError e) {
            runtime.diagnostics().reportOnce("prime:" + primer.getClass().getName(), primer.getClass().getSimpleName()
                    + " failed to prime; the first invocation pays what it would have loaded", e);
        }
    }

    /**
     * Runs {@code work} once inside {@code interceptorFor}'s interceptor (built against the priming runtime), as
     * a handler of {@code event} would run: {@code work} gets the invocation's context and returns the handler's
     * response (captured as the real one is). Failures inside are the primer's to report: this rethrows them.
     */
    public static void run(LensRuntime function, Function<LensRuntime, InvocationInterceptor> interceptorFor,
                           Object event, Function<Context, Object> work) {
        Configuration configuration = function.configuration();
        // Provisioned concurrency: no cold start is claimed, and no SnapStart hook is registered again.
        Configuration primingConfiguration = key -> LambdaEnvironment.INITIALIZATION_TYPE.equals(key)
                ? "provisioned-concurrency" : configuration.get(key);
        LensRuntime priming = LensRuntime.builder().configuration(primingConfiguration).clock(function.clock())
                .diagnostics(function.diagnostics()).systemProperties(key -> null)
                .documentSink(new Discard()).build();
        ObservedHandler.wrap((Object e, Context c) -> work.apply(c)).with(interceptorFor.apply(priming))
                .runtime(priming).build().handleRequest(event, new PrimingContext());
        // The invocation has no deadline (a deadline would start a watch thread of this throwaway runtime):
        // the classes of a deadline action are loaded instead.
        ScopeState.deadlineClasses();
    }

    /** Takes each document and drops it. */
    private static final class Discard implements DocumentSink {
        @Override
        public void write(Kind kind, byte[] utf8, int offset, int length) {
            // Priming writes nothing.
        }
    }

    /** The context of the priming invocation: fixed ids, no deadline. */
    private static final class PrimingContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "00000000-0000-0000-0000-000000000000";
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return null;
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }

        @Override
        public String getXrayTraceId() {
            return TRACE_HEADER;
        }
    }
}
