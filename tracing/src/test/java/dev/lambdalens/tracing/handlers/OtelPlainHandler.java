package dev.lambdalens.tracing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.Map;

/**
 * {@link PlainHandler} in a function that registers an OpenTelemetry SDK at init, as a layer or the function's
 * own set-up would, with an exporter that prints each finished span as one line on standard output, for the
 * test in the parent JVM to read.
 */
public class OtelPlainHandler implements RequestHandler<Map<String, Object>, String> {
    /** Starts each exported span's line on standard output. */
    public static final String SPAN_LINE = "OTEL-SPAN ";

    static {
        OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(new PrintingExporter())).build())
                .buildAndRegisterGlobal();
    }

    private final PlainHandler plain = new PlainHandler();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return plain.handleRequest(event, context);
    }

    /** Prints name, trace, span, parent, status and attributes of each span, tab-separated. */
    static final class PrintingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData span : spans) {
                System.out.println(SPAN_LINE + span.getName() + "\t" + span.getTraceId() + "\t" + span.getSpanId()
                        + "\t" + span.getParentSpanId() + "\t" + span.getStatus().getStatusCode() + "\t"
                        + span.getAttributes().asMap());
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
