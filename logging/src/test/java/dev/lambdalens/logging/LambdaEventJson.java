package dev.lambdalens.logging;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.logging.internal.EventJsonWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lambda's own JSON of an event, as the runtime interface client's serializer ({@code aws-lambda-java-serialization},
 * with its mixins, modules and naming strategies) reads and writes it, and the JSON {@link EventJsonWriter} writes:
 * what the tests compare. The real serializer shades its Jackson, so using it loads no jackson-databind class.
 */
final class LambdaEventJson {
    private LambdaEventJson() {
    }

    /** The runtime client's serializer for {@code type}: the event serializers for Lambda's supported events. */
    static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }

    /** {@code json} read into {@code type} as Lambda hands an event to a handler. */
    static <T> T read(Class<T> type, String json) {
        return serializer(type).fromJson(json);
    }

    /** {@code event} as Lambda's serializer writes it. */
    @SuppressWarnings("unchecked")
    static <T> JsonNode lambdas(T event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<T>) event.getClass()).toJson(event, out);
        return parse(out.toByteArray());
    }

    /** {@code event} as Lambda Lens writes it, with jackson-core alone. */
    static JsonNode ours(Object event, Diagnostics diagnostics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
            EventJsonWriter.write(generator, event, diagnostics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toByteArray());
    }

    private static JsonNode parse(byte[] json) {
        try {
            return CapturedLog.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
