package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.type.ResolvedType;
import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The codec of the encoder's generators. Strings, numbers and booleans (what MDC values, key-value pairs and
 * most keys are) are written directly; anything else goes to a Jackson {@code ObjectMapper} that is created
 * on the first such value only. The first mapper of a JVM loads about 300 classes of jackson-databind and costs
 * about 100 ms, which a function that logs only plain values never pays.
 *
 * <p>This class never names {@code ObjectMapper}: the mapper is handled as an {@link ObjectCodec}, so that
 * loading and verifying this class does not load jackson-databind either.
 */
public final class LazyObjectCodec extends ObjectCodec {
    private final JsonFactory factory;
    private final Supplier<ObjectCodec> mapperFactory;
    private volatile ObjectCodec mapper;

    /** A codec that creates its mapper with {@code mapperFactory} when a value first needs one. */
    public LazyObjectCodec(JsonFactory factory, Supplier<ObjectCodec> mapperFactory) {
        this.factory = factory;
        this.mapperFactory = mapperFactory;
    }

    /** The mapper, created now if it does not exist yet. */
    public ObjectCodec mapper() {
        ObjectCodec current = mapper;
        if (current == null) {
            synchronized (this) {
                current = mapper;
                if (current == null) {
                    current = mapperFactory.get();
                    mapper = current;
                }
            }
        }
        return current;
    }

    /** Whether a value has needed the mapper so far. */
    public boolean mapperCreated() {
        return mapper != null;
    }

    @Override
    public void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (!writeSimple(generator, value)) {
            mapper().writeValue(generator, value);
        }
    }

    /**
     * Writes {@code value} if it is a JSON scalar (the same types, written the same way, as the mapper and
     * logstash's own simple-object generator write them) and says whether it did.
     */
    static boolean writeSimple(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long) {
            generator.writeNumber((Long) value);
        } else if (value instanceof Double) {
            generator.writeNumber((Double) value);
        } else if (value instanceof Float) {
            generator.writeNumber((Float) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof AtomicInteger) {
            generator.writeNumber(((AtomicInteger) value).get());
        } else if (value instanceof AtomicLong) {
            generator.writeNumber(((AtomicLong) value).get());
        } else if (value instanceof AtomicBoolean) {
            generator.writeBoolean(((AtomicBoolean) value).get());
        } else if (value instanceof byte[]) {
            generator.writeBinary((byte[]) value);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public JsonFactory getFactory() {
        return factory;
    }

    @Override
    @Deprecated
    public JsonFactory getJsonFactory() {
        return factory;
    }

    @Override
    public Version version() {
        return factory.version();
    }

    @Override
    public <T> T readValue(JsonParser parser, Class<T> valueType) throws IOException {
        return mapper().readValue(parser, valueType);
    }

    @Override
    public <T> T readValue(JsonParser parser, TypeReference<T> valueTypeRef) throws IOException {
        return mapper().readValue(parser, valueTypeRef);
    }

    @Override
    public <T> T readValue(JsonParser parser, ResolvedType valueType) throws IOException {
        return mapper().readValue(parser, valueType);
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser parser, Class<T> valueType) throws IOException {
        return mapper().readValues(parser, valueType);
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser parser, TypeReference<T> valueTypeRef) throws IOException {
        return mapper().readValues(parser, valueTypeRef);
    }

    @Override
    public <T> Iterator<T> readValues(JsonParser parser, ResolvedType valueType) throws IOException {
        return mapper().readValues(parser, valueType);
    }

    @Override
    public <T extends TreeNode> T readTree(JsonParser parser) throws IOException {
        return mapper().readTree(parser);
    }

    @Override
    public void writeTree(JsonGenerator generator, TreeNode tree) throws IOException {
        mapper().writeTree(generator, tree);
    }

    @Override
    public TreeNode createObjectNode() {
        return mapper().createObjectNode();
    }

    @Override
    public TreeNode createArrayNode() {
        return mapper().createArrayNode();
    }

    @Override
    public TreeNode missingNode() {
        return mapper().missingNode();
    }

    @Override
    public TreeNode nullNode() {
        return mapper().nullNode();
    }

    @Override
    public JsonParser treeAsTokens(TreeNode node) {
        return mapper().treeAsTokens(node);
    }

    @Override
    public <T> T treeToValue(TreeNode node, Class<T> valueType) throws JsonProcessingException {
        return mapper().treeToValue(node, valueType);
    }
}
