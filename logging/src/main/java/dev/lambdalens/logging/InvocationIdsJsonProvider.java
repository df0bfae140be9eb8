package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.core.InvocationScope;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes the ids that join a line with its invocation and its trace: {@code function_request_id} and
 * {@code xray_trace_id} (the Root of the invocation's trace header). Read from the invocation scope of the
 * thread that logs, so lines of worker threads carry them when the work was handed over with the scope.
 */
public final class InvocationIdsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        InvocationScope scope = InvocationScope.current();
        if (scope == null) {
            return;
        }
        if (scope.requestId() != null) {
            generator.writeStringField("function_request_id", scope.requestId());
        }
        String traceId = scope.traceId();
        if (traceId != null) {
            generator.writeStringField("xray_trace_id", traceId);
        }
    }
}
