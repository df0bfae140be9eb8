package dev.lambdalens.logging;

import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.core.LensRuntime;

/** Where providers find the environment: the current invocation's runtime, else the global one. */
final class Invocations {
    private Invocations() {
    }

    static LambdaEnvironment environment() {
        InvocationScope scope = InvocationScope.current();
        return scope != null ? scope.environment() : LensRuntime.global().environment();
    }
}
