package dev.lambdalens.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.spi.SpanIds;
import dev.lambdalens.logging.internal.EncodedText;
import net.logstash.logback.composite.AbstractJsonProvider;

import java.io.IOException;

/**
 * Writes the ids that join a line with its invocation and its trace: {@code function_request_id} and
 * {@code xray_trace_id} (the Root of the invocation's trace header). Read from the invocation scope of the
 * thread that logs, so lines of worker threads carry them when the work was handed over with the scope.
 * The ids of the latest invocation are encoded once for all its lines. When the invocation's spans have ids of
 * their own ({@link SpanIds}, attached by tracing's OpenTelemetry backend), the line also carries the W3C
 * {@code trace_id} and {@code span_id} of the span it is written in, and {@code xray_trace_id} is that trace in
 * X-Ray's form.
 */
public final class InvocationIdsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {
    private static final SerializableString REQUEST_ID = new SerializedString("function_request_id");
    private static final SerializableString TRACE_ID = new SerializedString("xray_trace_id");
    private static final SerializableString W3C_TRACE_ID = new SerializedString("trace_id");
    private static final SerializableString SPAN_ID = new SerializedString("span_id");
    private static final SerializableString TENANT_ID = new SerializedString("tenant_id");

    private final EncodedText requestId = new EncodedText();
    private final EncodedText traceId = new EncodedText();

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        InvocationScope scope = InvocationScope.current();
        if (scope == null) {
            return;
        }
        String request = scope.requestId();
        if (request != null) {
            generator.writeFieldName(REQUEST_ID);
            generator.writeString(requestId.of(request));
        }
        writeIfPresent(generator, TENANT_ID, tenantId(scope));
        SpanIds spanIds = scope.state().attachment(SpanIds.KEY);
        String xrayTrace = spanIds != null ? spanIds.xrayTraceId() : null;
        String trace = xrayTrace != null ? xrayTrace : scope.traceId();
        if (trace != null) {
            generator.writeFieldName(TRACE_ID);
            generator.writeString(traceId.of(trace));
        }
        if (spanIds != null) {
            writeIfPresent(generator, W3C_TRACE_ID, spanIds.traceId());
            writeIfPresent(generator, SPAN_ID, spanIds.spanId());
        }
    }

    /**
     * The tenant of a multi-tenant function's invocation ({@code Context.getTenantId()}, Lambda's tenant isolation
     * mode; Powertools 2.10 logs it as {@code tenant_id}); {@code null} for other functions, and for a
     * {@code Context} implementation that predates the method or fails in it.
     */
    private static String tenantId(InvocationScope scope) {
        try {
            return scope.context() == null ? null : scope.context().getTenantId();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static void writeIfPresent(JsonGenerator generator, SerializableString name, String value)
            throws IOException {
        if (value != null) {
            generator.writeFieldName(name);
            generator.writeString(value);
        }
    }
}
