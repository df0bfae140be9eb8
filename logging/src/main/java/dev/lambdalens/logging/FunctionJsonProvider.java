package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LambdaEnvironment;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes what identifies the function and the execution environment, with Powertools' key names:
 * {@code cold_start} (decided once by the core), {@code function_name}, {@code function_arn},
 * {@code function_version}, {@code function_memory_size}. Keys without a value are left out; outside an
 * invocation only the environment's keys are written.
 */
public final class FunctionJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        InvocationScope scope = InvocationScope.current();
        LambdaEnvironment environment = scope != null ? scope.environment() : Invocations.environment();
        if (scope != null) {
            generator.writeBooleanField("cold_start", scope.coldStart());
        }
        String name = environment.functionName();
        if (name == null && scope != null && scope.context() != null) {
            name = scope.context().getFunctionName();
        }
        if (name != null) {
            generator.writeStringField("function_name", name);
        }
        if (scope != null && scope.functionArn() != null) {
            generator.writeStringField("function_arn", scope.functionArn());
        }
        if (environment.functionVersion() != null) {
            generator.writeStringField("function_version", environment.functionVersion());
        }
        if (environment.memorySizeMb() > 0) {
            generator.writeNumberField("function_memory_size", environment.memorySizeMb());
        }
    }
}
