package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import dev.lambdalens.core.Diagnostics;
import net.logstash.logback.argument.StructuredArgument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler's event or response as one field of a log line. The object is first serialized on its own, with
 * bounded size and depth, so that a cyclic object, a failing object or a huge payload gives a note in the field
 * instead of a broken line or an exception; the result is then streamed into the line through the encoder's
 * generator, so that masking applies and the user's object is never modified.
 *
 * <p>Events and responses of {@code aws-lambda-java-events}, maps, lists and JSON values are serialized by
 * {@link EventJsonWriter} with jackson-core alone, in Lambda's own JSON; only a payload holding another object
 * (a user's bean, perhaps with Jackson annotations) is serialized by the encoder's Jackson mapper, created then.
 */
public final class PayloadArgument implements StructuredArgument {
    /** Payloads above this size are replaced by a note; a log line could not hold them anyway. */
    public static final int MAX_BYTES = 200_000;

    private final String fieldName;
    private final Object payload;
    private final Diagnostics diagnostics;

    /** {@code payload} as the field {@code fieldName}; what cannot be read of it is reported on {@code diagnostics}. */
    public PayloadArgument(String fieldName, Object payload, Diagnostics diagnostics) {
        this.fieldName = fieldName;
        this.payload = payload;
        this.diagnostics = diagnostics;
    }

    @Override
    public void writeTo(JsonGenerator generator) throws IOException {
        generator.writeFieldName(fieldName);
        if (payload == null || payload instanceof String || payload instanceof Number || payload instanceof Boolean) {
            generator.writeObject(payload);
            return;
        }
        byte[] json;
        try {
            json = payload instanceof byte[] ? bounded((byte[]) payload) : serialize(generator, payload);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String note = note(e);
            diagnostics.reportOnce("logging:payload:" + fieldName + ":" + e.getClass().getName(), note, e);
            generator.writeString(note);
            return;
        }
        // Parsing and copying need no codec: a stream event's bytes are logged without loading jackson-databind.
        JsonFactory factory = PlainFactory.INSTANCE;
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() == null) {
                generator.writeNull();
                return;
            }
            // Validate before writing: a half-copied structure would break the line.
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
        } catch (IOException | RuntimeException e) {
            generator.writeString(new String(json, 0, Math.min(json.length, MAX_BYTES), StandardCharsets.UTF_8));
            return;
        }
        try (JsonParser parser = factory.createParser(json)) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        }
    }

    private static byte[] bounded(byte[] json) throws IOException {
        if (json.length > MAX_BYTES) {
            throw new PayloadTooLargeException();
        }
        return json;
    }

    /** The encoder's codec, whose mapper has the encoder's settings and modules; the module's own otherwise. */
    private static ObjectCodec codec(JsonGenerator generator) {
        ObjectCodec codec = generator.getCodec();
        return codec != null ? codec : Json.codec();
    }

    private byte[] serialize(JsonGenerator line, Object payload) throws IOException {
        BoundedOutputStream out = new BoundedOutputStream(MAX_BYTES);
        try (JsonGenerator generator = PlainFactory.INSTANCE.createGenerator(out)) {
            EventJsonWriter.write(generator, payload, diagnostics);
        } catch (EventJsonWriter.NeedsMapper e) {
            // Asked for only now: the line's codec creates the mapper (jackson-databind) on first use.
            out.reset();
            ObjectCodec codec = codec(line);
            try (JsonGenerator generator = PlainFactory.INSTANCE.createGenerator(out)) {
                generator.setCodec(codec);
                codec.writeValue(generator, payload);
            }
        }
        return out.toByteArray();
    }

    private String note(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof PayloadTooLargeException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof PayloadTooLargeException || error instanceof PayloadTooLargeException) {
            return "[Lambda Lens: the " + fieldName + " is larger than " + MAX_BYTES + " bytes and was not logged]";
        }
        if (error instanceof StackOverflowError) {
            return "[Lambda Lens: the " + fieldName + " could not be serialized: it is nested too deeply or cyclic]";
        }
        String message = cause.getMessage();
        if (message != null && message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return "[Lambda Lens: the " + fieldName + " could not be serialized: " + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message) + "]";
    }

    @Override
    public String toString() {
        return fieldName;
    }

    /** A jackson-core factory without a codec; kept apart from {@link Json}, which names the mapper. */
    private static final class PlainFactory {
        static final JsonFactory INSTANCE = new JsonFactory();
    }

    private static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException() {
            super("payload too large");
        }
    }

    private static final class BoundedOutputStream extends OutputStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        private final int max;

        BoundedOutputStream(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            out.write(b, off, len);
        }

        private void check(int more) throws IOException {
            if (out.size() + more > max) {
                throw new PayloadTooLargeException();
            }
        }

        void reset() {
            out.reset();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
