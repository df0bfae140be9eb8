package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.internal.JsonText;
import dev.lambdalens.core.spi.MaskingPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The line written instead of the normal one when the normal one cannot be: an argument or key failed to
 * serialize, or the line is over the size limit. It keeps what every line must carry (time, level, logger,
 * ids and as much of the message as fits) and says in {@code lambda_lens} what happened. Rare path, written
 * without the encoder's generator, so the message and reason are masked here with the encoder's policy.
 */
public final class FallbackLine {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private FallbackLine() {
    }

    /** A line for an event whose fields could not be serialized, with the reason. */
    public static byte[] serializationFailure(ILoggingEvent event, Throwable error, String lineSeparator,
                                              MaskingPolicy masking) {
        String reason = masking.maskText(error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        StringBuilder line = start(event, masking.maskText(message(event)), 4096);
        line.append(",\"lambda_lens\":{\"note\":");
        JsonText.appendQuoted(line, "the line could not be fully serialized (" + clip(reason, 500)
                + "); only the message and ids are kept");
        return end(line, lineSeparator);
    }

    /**
     * A line for an event whose normal line had {@code originalBytes} bytes, more than {@code maxBytes}: the
     * message cut, and the error's type with its message and stack cut, sharing what the other fields leave.
     * The text budget starts from what fits if every character is one byte and halves until the line fits
     * (escaping and multi-byte text make it larger): rare path, a few tries at most. Message and error text
     * are masked before they are cut, so a cut cannot split a secret past its detector.
     */
    public static byte[] truncated(ILoggingEvent event, int originalBytes, int maxBytes, String lineSeparator,
                                   MaskingPolicy masking) {
        String message = masking.maskText(message(event));
        IThrowableProxy error = event.getThrowableProxy();
        for (int budget = Math.max(0, maxBytes - 512); ; budget /= 2) {
            byte[] line = truncated(event, message, error, budget, originalBytes, lineSeparator, masking);
            if (line.length <= maxBytes || budget == 0) {
                return line;
            }
        }
    }

    private static byte[] truncated(ILoggingEvent event, String message, IThrowableProxy error, int budget,
                                    int originalBytes, String lineSeparator, MaskingPolicy masking) {
        // With an error, the message gets at most a quarter of the budget; the error gets what the message leaves.
        String cutMessage = CutError.clip(message, error == null ? budget : Math.min(message.length(), budget / 4));
        StringBuilder line = start(event, cutMessage, budget + 1024);
        if (error != null) {
            CutError.append(line, error, Math.max(0, budget - cutMessage.length()), masking);
        }
        line.append(",\"lambda_lens\":{\"truncated\":true,\"original_bytes\":").append(originalBytes);
        return end(line, lineSeparator);
    }

    private static StringBuilder start(ILoggingEvent event, String message, int capacity) {
        StringBuilder line = new StringBuilder(capacity);
        line.append("{\"timestamp\":\"").append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append("\",\"level\":\"").append(event.getLevel()).append("\",\"logger\":");
        JsonText.appendQuoted(line, event.getLoggerName());
        line.append(",\"message\":");
        JsonText.appendQuoted(line, message);
        InvocationScope scope = InvocationScope.current();
        if (scope != null) {
            if (scope.requestId() != null) {
                line.append(",\"function_request_id\":");
                JsonText.appendQuoted(line, scope.requestId());
            }
            if (scope.traceId() != null) {
                line.append(",\"xray_trace_id\":");
                JsonText.appendQuoted(line, scope.traceId());
            }
        }
        return line;
    }

    private static byte[] end(StringBuilder line, String lineSeparator) {
        line.append("}}").append(lineSeparator == null ? "\n" : lineSeparator);
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String message(ILoggingEvent event) {
        try {
            String message = SafeMessage.of(event, dev.lambdalens.core.LensRuntime.global().diagnostics());
            return message == null ? "" : message;
        } catch (RuntimeException e) {
            return String.valueOf(event.getMessage());
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
