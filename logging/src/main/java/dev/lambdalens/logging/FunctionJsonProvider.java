package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LambdaEnvironment;
import dev.lambdalens.logging.internal.EncodedText;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes what identifies the function and the execution environment, with Powertools' key names:
 * {@code cold_start} (decided once by the core), {@code function_name}, {@code function_arn},
 * {@code function_version}, {@code function_memory_size}. Keys without a value are left out; outside an
 * invocation only the environment's keys are written. Names and values, the same on every line, are written
 * pre-encoded.
 */
public final class FunctionJsonProvider extends AbstractJsonProvider<ILoggingEvent> {
    private static final SerializableString COLD_START = new SerializedString("cold_start");
    private static final SerializableString FUNCTION_NAME = new SerializedString("function_name");
    private static final SerializableString FUNCTION_ARN = new SerializedString("function_arn");
    private static final SerializableString FUNCTION_VERSION = new SerializedString("function_version");
    private static final SerializableString FUNCTION_MEMORY_SIZE = new SerializedString("function_memory_size");

    private final EncodedText name = new EncodedText();
    private final EncodedText arn = new EncodedText();
    private final EncodedText version = new EncodedText();

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        InvocationScope scope = InvocationScope.current();
        LambdaEnvironment environment = scope != null ? scope.environment() : Invocations.environment();
        if (scope != null) {
            generator.writeFieldName(COLD_START);
            generator.writeBoolean(scope.coldStart());
        }
        String functionName = environment.functionName();
        if (functionName == null && scope != null && scope.context() != null) {
            functionName = scope.context().getFunctionName();
        }
        if (functionName != null) {
            generator.writeFieldName(FUNCTION_NAME);
            generator.writeString(name.of(functionName));
        }
        String functionArn = scope != null ? scope.functionArn() : null;
        if (functionArn != null) {
            generator.writeFieldName(FUNCTION_ARN);
            generator.writeString(arn.of(functionArn));
        }
        if (environment.functionVersion() != null) {
            generator.writeFieldName(FUNCTION_VERSION);
            generator.writeString(version.of(environment.functionVersion()));
        }
        if (environment.memorySizeMb() > 0) {
            generator.writeFieldName(FUNCTION_MEMORY_SIZE);
            generator.writeNumber(environment.memorySizeMb());
        }
    }
}
