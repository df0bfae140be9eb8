package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.TreeSet;

/**
 * Masks fields by name, at any depth and ignoring case ({@code Authorization}, {@code authorization}), while
 * the line is written: the value of a masked field (a scalar, or a whole object or array) is replaced by the
 * mask and never serialized. Objects written through {@link #writeObject(Object)} are serialized through this
 * generator, so their nested fields are masked too, and the objects themselves are never touched.
 *
 * <p>Cheaper than logstash's general masking generator (which allocates iterators per field): one hash lookup
 * per field name once the name was seen, no allocation. Used for names; logstash's masking handles configured paths and
 * value patterns on top.
 */
public final class NameMaskingGenerator extends JsonGeneratorDelegate {
    /** How many names a generator remembers; beyond that (names made of data), the set is searched. */
    private static final int MAX_REMEMBERED_NAMES = 512;

    private final TreeSet<String> names;
    /** Names seen by this generator and whether they are masked; confined to the generator's thread. */
    private final HashMap<String, Boolean> decisions = new HashMap<>();
    private final String mask;
    /** Whether the value now being written belongs to a masked field and is dropped. */
    private boolean skipping;
    /** How deep inside the dropped value's objects and arrays the writer is. */
    private int skipDepth;

    private NameMaskingGenerator(JsonGenerator delegate, TreeSet<String> names, String mask) {
        super(delegate, false);
        this.names = names;
        this.mask = mask;
    }

    /** A decorator masking {@code names}; the set is shared by all generators it creates. */
    public static net.logstash.logback.decorate.JsonGeneratorDecorator decorator(Collection<String> names,
                                                                                   String mask) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return generator -> new NameMaskingGenerator(generator, set, mask);
    }

    /** True when the current write is part of a dropped value (and marks a scalar as consumed). */
    private boolean dropScalar() {
        if (!skipping) {
            return false;
        }
        if (skipDepth == 0) {
            skipping = false;
        }
        return true;
    }

    private boolean dropStart() {
        if (!skipping) {
            return false;
        }
        skipDepth++;
        return true;
    }

    private boolean dropEnd() {
        if (!skipping) {
            return false;
        }
        skipDepth--;
        if (skipDepth == 0) {
            skipping = false;
        }
        return true;
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (skipping) {
            return;
        }
        delegate.writeFieldName(name);
        maskIfNamed(name);
    }

    /** Pre-encoded names (the constant keys Lambda Lens writes) stay pre-encoded down the chain. */
    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        if (skipping) {
            return;
        }
        delegate.writeFieldName(name);
        maskIfNamed(name.getValue());
    }

    private void maskIfNamed(String name) throws IOException {
        if (masked(name)) {
            delegate.writeString(mask);
            skipping = true;
            skipDepth = 0;
        }
    }

    /**
     * Whether {@code name} is masked. A case-insensitive search of the sorted set costs several character
     * comparisons per field and was the largest part of a line's time; a line's names repeat from line to line
     * (the same keys every time), so each generator, which only one thread uses, remembers its answers.
     */
    private boolean masked(String name) {
        Boolean known = decisions.get(name);
        if (known != null) {
            return known;
        }
        boolean masked = names.contains(name);
        if (decisions.size() < MAX_REMEMBERED_NAMES) {
            decisions.put(name, masked);
        }
        return masked;
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    @Override
    public void writeStartObject() throws IOException {
        if (getOutputContext().inRoot()) {
            skipping = false; // A new line: nothing left over from a line that failed half-way.
        }
        if (!dropStart()) {
            delegate.writeStartObject();
        }
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        if (!dropStart()) {
            delegate.writeStartObject(forValue);
        }
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        if (!dropStart()) {
            delegate.writeStartObject(forValue, size);
        }
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!dropEnd()) {
            delegate.writeEndObject();
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        if (!dropStart()) {
            delegate.writeStartArray();
        }
    }

    @Override
    public void writeStartArray(int size) throws IOException {
        if (!dropStart()) {
            delegate.writeStartArray(size);
        }
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        if (!dropStart()) {
            delegate.writeStartArray(forValue);
        }
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        if (!dropStart()) {
            delegate.writeStartArray(forValue, size);
        }
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!dropEnd()) {
            delegate.writeEndArray();
        }
    }

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeArray(array, offset, length);
        }
    }

    @Override
    public void writeString(String text) throws IOException {
        if (!dropScalar()) {
            delegate.writeString(text);
        }
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeString(text, offset, len);
        }
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        if (!dropScalar()) {
            delegate.writeString(text);
        }
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeString(reader, len);
        }
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        if (!dropScalar()) {
            delegate.writeUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(text);
        }
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(text, offset, len);
        }
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(text, offset, len);
        }
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeBinary(variant, data, offset, len);
        }
    }

    @Override
    public void writeNumber(short v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(int v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(encodedValue);
        }
    }

    @Override
    public void writeNumber(char[] encodedValue, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeNumber(encodedValue, offset, len);
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        if (!dropScalar()) {
            delegate.writeBoolean(state);
        }
    }

    @Override
    public void writeNull() throws IOException {
        if (!dropScalar()) {
            delegate.writeNull();
        }
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        if (!dropScalar()) {
            delegate.writeEmbeddedObject(object);
        }
    }

    @Override
    public void writeObject(Object pojo) throws IOException {
        // A masked object is not serialized at all: no cost, and a failing getter cannot matter.
        if (!dropScalar()) {
            super.writeObject(pojo);
        }
    }

    @Override
    public void writePOJO(Object pojo) throws IOException {
        writeObject(pojo);
    }

    @Override
    public void writeTree(TreeNode tree) throws IOException {
        if (!dropScalar()) {
            super.writeTree(tree);
        }
    }
}
