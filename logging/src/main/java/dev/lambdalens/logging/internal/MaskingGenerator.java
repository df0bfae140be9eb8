package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.lambdalens.core.internal.JsonInText;
import dev.lambdalens.core.spi.MaskingPolicy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Applies the runtime's {@link MaskingPolicy} to a log line while it is written: the value of a field whose name
 * is sensitive (a scalar, or a whole object or array, at any depth) is replaced by the mask and never
 * serialized; every string value (message, arguments, MDC, the event, exception text) is written as the
 * policy masks it, JSON inside it masked inside; a number that is a card number is written as the mask.
 * Objects written through {@link #writeObject(Object)} are serialized through this generator, so their nested
 * fields are masked too, and the objects themselves are never touched.
 *
 * <p>Per field: one lookup of a remembered name decision, and one pass over each string that allocates
 * nothing when the string holds no secret.
 */
public final class MaskingGenerator extends JsonGeneratorDelegate {
    /**
     * The top-level keys whose values Lambda Lens itself writes from the Lambda context and its own state (never
     * user data: a user's key of the same name is renamed, see {@link ReservedKeys}). Their values, the most
     * strings of a line, are written without the text scan; an ARN or a timestamp is full of {@code :}.
     */
    private static final java.util.Set<String> OWN_VALUES = java.util.Set.of("timestamp", "level", "logger",
            "service", "cold_start", "function_name", "function_arn", "function_version", "function_memory_size",
            "function_request_id", "xray_trace_id", "trace_id", "span_id", "tenant_id", "sampling_rate");

    private final MaskingPolicy policy;
    /** Whether the next string is the value of one of {@link #OWN_VALUES} at the top level. */
    private boolean ownValue;
    /** Whether the value now being written belongs to a masked field and is dropped. */
    private boolean skipping;
    /** How deep inside the dropped value's objects and arrays the writer is. */
    private int skipDepth;

    private MaskingGenerator(JsonGenerator delegate, MaskingPolicy policy) {
        super(delegate, false);
        this.policy = policy;
    }

    /** A decorator applying {@code policy}; the policy (and its remembered decisions) is shared. */
    public static net.logstash.logback.decorate.JsonGeneratorDecorator decorator(MaskingPolicy policy) {
        return new Decorator(policy);
    }

    /** A named class, not a lambda: the encoder builds it at cold start. */
    private static final class Decorator implements net.logstash.logback.decorate.JsonGeneratorDecorator {
        private final MaskingPolicy policy;

        Decorator(MaskingPolicy policy) {
            this.policy = policy;
        }

        @Override
        public JsonGenerator decorate(JsonGenerator generator) {
            return new MaskingGenerator(generator, policy);
        }
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
        ownValue = OWN_VALUES.contains(name) && delegate.getOutputContext().getParent() != null
                && delegate.getOutputContext().getParent().inRoot();
        if (ownValue) {
            return;
        }
        if (policy.masksName(name)) {
            delegate.writeString(policy.mask());
            skipping = true;
            skipDepth = 0;
        }
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
            delegate.writeString(ownValue ? text : policy.maskText(text));
            ownValue = false;
        }
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        if (dropScalar()) {
            return;
        }
        if (ownValue) {
            delegate.writeString(text, offset, len); // the timestamp, formatted into chars without java.time
            ownValue = false;
        } else {
            delegate.writeString(policy.maskText(new String(text, offset, len)));
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
            StringBuilder text = new StringBuilder();
            char[] chunk = new char[4096];
            for (int read; (len < 0 || text.length() < len) && (read = reader.read(chunk, 0,
                    len < 0 ? chunk.length : Math.min(chunk.length, len - text.length()))) > 0; ) {
                text.append(chunk, 0, read);
            }
            delegate.writeString(policy.maskText(text.toString()));
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
            delegate.writeString(policy.maskText(new String(text, offset, length, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void writeRawValue(String text) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(maskedJson(text));
        }
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(maskedJson(text.substring(offset, offset + len)));
        }
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        if (!dropScalar()) {
            delegate.writeRawValue(maskedJson(new String(text, offset, len)));
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
        if (dropScalar()) {
            return;
        }
        if (policy.masksNumber(v)) {
            delegate.writeString(policy.mask());
        } else {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (dropScalar()) {
            return;
        }
        if (v != null && v.bitLength() < 64 && policy.masksNumber(v.longValue())) {
            delegate.writeString(policy.mask());
        } else {
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
        if (dropScalar()) {
            return;
        }
        if (encodedValue != null && policy.masksNumber(encodedValue, 0, encodedValue.length())) {
            delegate.writeString(policy.mask());
        } else {
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

    /** Raw JSON (logstash's {@code raw(...)} arguments) masked inside; text that is not JSON is left as given. */
    private String maskedJson(String raw) {
        if (raw == null || !JsonInText.looksLikeJson(raw)) {
            return raw;
        }
        String masked = JsonInText.mask(raw, policy, 0);
        return masked != null ? masked : raw;
    }
}
