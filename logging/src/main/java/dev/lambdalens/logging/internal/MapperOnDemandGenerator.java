package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

/**
 * The outermost generator the providers write to. It only changes {@link #getCodec()}: code that asks the
 * generator for its codec gets the real {@code ObjectMapper}, created then if needed (logstash's
 * {@code StructuredArguments.fields(...)} casts the codec to {@code ObjectMapper}). Values written with
 * {@code writeObject} go down the generator chain, through masking, to the {@link LazyObjectCodec}, which
 * writes plain values without a mapper.
 */
public final class MapperOnDemandGenerator extends JsonGeneratorDelegate {
    private final LazyObjectCodec codec;

    public MapperOnDemandGenerator(JsonGenerator delegate, LazyObjectCodec codec) {
        super(delegate, true);
        this.codec = codec;
    }

    @Override
    public ObjectCodec getCodec() {
        return codec.mapper();
    }
}
