package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lambdalens.core.Diagnostics;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

/**
 * Writes a handler's event or response with jackson-core alone, as Lambda's own serializer
 * ({@code aws-lambda-java-serialization}) writes it: JSON values (maps, collections, arrays, strings, numbers,
 * booleans) and the classes of {@code aws-lambda-java-events}, with the keys of Lambda's JSON (see
 * {@link LambdaEventNames}), null properties and null map values of an event left out, a {@code Date} as epoch
 * seconds with a fraction, a Joda {@code DateTime} as ISO-8601 text, binary data as base64. Jackson's
 * {@code ObjectMapper} (jackson-databind's first use costs over 100 ms at cold start) is not needed for them.
 *
 * <p>Dates outside an event (in a plain map) are left to the mapper, which writes them as it always has. Any
 * other object (a user's bean, which may carry Jackson annotations) throws {@link NeedsMapper}: the
 * caller then serializes the whole payload with the mapper. Nesting deeper than {@link #MAX_DEPTH} (a cycle)
 * throws {@link TooDeepException}. A getter that throws is written as {@code "[ExceptionType]"}, reported once,
 * and the rest of the event is still written.
 */
public final class EventJsonWriter {
    /** Deeper than any event Lambda delivers (DynamoDB allows 32 levels of nesting); reached by cycles. */
    public static final int MAX_DEPTH = 200;
    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private EventJsonWriter() {
    }

    /** Whether {@code type} is a class of {@code aws-lambda-java-events}. */
    public static boolean isEventType(Class<?> type) {
        return type.getName().startsWith(EVENTS_PACKAGE);
    }

    /**
     * Writes {@code value} to {@code generator}; throws {@link NeedsMapper} if only Jackson's mapper can write it.
     * A failing getter is reported on {@code diagnostics}.
     */
    public static void write(JsonGenerator generator, Object value, Diagnostics diagnostics) throws IOException {
        write(generator, value, 0, false, diagnostics);
    }

    /**
     * The value of the property keyed {@code name} in Lambda's JSON of {@code event} (an event object or a map),
     * or {@code null} when there is none or its getter fails: a correlation id path walks typed events with it.
     */
    public static Object property(Object event, String name) {
        if (event instanceof Map<?, ?>) {
            return ((Map<?, ?>) event).get(name);
        }
        if (event == null || !isEventType(event.getClass())) {
            return null;
        }
        LambdaEventNames.Property property = LambdaEventNames.named(event.getClass(), name);
        if (property == null) {
            return null;
        }
        try {
            return property.getter.invoke(event, NO_ARGUMENTS);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static void write(JsonGenerator generator, Object value, int depth, boolean inEvent,
                              Diagnostics diagnostics) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new TooDeepException();
        }
        if (LazyObjectCodec.writeSimple(generator, value)) {
            return;
        }
        if (value instanceof Character) {
            generator.writeString(value.toString());
        } else if (value instanceof Enum<?>) {
            generator.writeString(((Enum<?>) value).name());
        } else if (value instanceof Map<?, ?>) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                Object item = entry.getValue();
                if (item == null && inEvent) {
                    continue; // Lambda's serializer includes non-null values only, in maps too.
                }
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, item, depth + 1, inEvent, diagnostics);
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?>) {
            generator.writeStartArray();
            for (Object item : (Collection<?>) value) {
                write(generator, item, depth + 1, inEvent, diagnostics);
            }
            generator.writeEndArray();
        } else if (value instanceof Object[]) {
            generator.writeStartArray();
            for (Object item : (Object[]) value) {
                write(generator, item, depth + 1, inEvent, diagnostics);
            }
            generator.writeEndArray();
        } else if (value instanceof ByteBuffer) {
            writeBytes(generator, (ByteBuffer) value);
        } else if (inEvent && value instanceof Date) {
            // aws-lambda-java-serialization's DateModule: epoch seconds with a fraction.
            generator.writeNumber(((Date) value).getTime() / 1000.0);
        } else if (inEvent && value instanceof Instant) {
            // Jackson's JavaTimeModule, which that serializer registers: seconds with nanoseconds.
            Instant instant = (Instant) value;
            generator.writeNumber(BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9)));
        } else if (inEvent && value.getClass().getName().startsWith("org.joda.time.")) {
            // Joda's toString() is ISODateTimeFormat.dateTime(), what Lambda's DateTimeModule prints.
            generator.writeString(value.toString());
        } else if (isEventType(value.getClass())) {
            writeEvent(generator, value, depth, diagnostics);
        } else {
            throw NeedsMapper.INSTANCE;
        }
    }

    /** Base64 of the bytes between position and limit, as Jackson writes a ByteBuffer; the buffer is left unread. */
    private static void writeBytes(JsonGenerator generator, ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            generator.writeBinary(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            ByteBuffer bytes = buffer.duplicate();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            generator.writeBinary(copy);
        }
    }

    private static void writeEvent(JsonGenerator generator, Object event, int depth, Diagnostics diagnostics)
            throws IOException {
        LambdaEventNames.Property[] properties = LambdaEventNames.of(event.getClass());
        generator.writeStartObject();
        for (LambdaEventNames.Property property : properties) {
            Object value;
            try {
                value = property.getter.invoke(event, NO_ARGUMENTS);
            } catch (InvocationTargetException e) {
                failedGetter(generator, event, property, e.getCause() != null ? e.getCause() : e, diagnostics);
                continue;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failedGetter(generator, event, property, e, diagnostics);
                continue;
            }
            if (value != null) {
                generator.writeFieldName(property.name);
                write(generator, value, depth + 1, true, diagnostics);
            }
        }
        generator.writeEndObject();
    }

    private static void failedGetter(JsonGenerator generator, Object event, LambdaEventNames.Property property,
                                     Throwable cause, Diagnostics diagnostics) throws IOException {
        String getter = event.getClass().getName() + "." + property.getter.getName() + "()";
        String marker = "[" + cause.getClass().getSimpleName() + "]";
        diagnostics.reportOnce("logging:event-getter:" + getter, "the logged event or response could not be fully"
                + " read: " + getter + " threw; its '" + property.name + "' is written as \"" + marker + "\"", cause);
        generator.writeFieldName(property.name);
        generator.writeString(marker);
    }

    /** The payload holds an object only Jackson's mapper can write. No stack trace: it is a signal. */
    public static final class NeedsMapper extends RuntimeException {
        static final NeedsMapper INSTANCE = new NeedsMapper();

        private NeedsMapper() {
            super("needs Jackson's ObjectMapper", null, false, false);
        }
    }

    /** The payload nests deeper than {@link #MAX_DEPTH}: it is cyclic, or nothing Lambda would deliver. */
    public static final class TooDeepException extends IOException {
        TooDeepException() {
            super("nested more than " + MAX_DEPTH + " levels deep (cyclic?)");
        }
    }
}
