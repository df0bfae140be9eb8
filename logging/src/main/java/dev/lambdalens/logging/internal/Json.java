package dev.lambdalens.logging.internal;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lambdalens.core.LensRuntime;

import java.util.ServiceConfigurationError;

/**
 * Where the module's Jackson {@link ObjectMapper}s come from, each created on first use only: the first mapper
 * of a JVM costs about 100 ms and 300 classes, so a function that never needs one never pays. Only this class
 * names {@code ObjectMapper}; the encoder's classes handle mappers as {@link ObjectCodec}s, because the JVM's
 * verifier loads a class named where another type is expected, even if that code never runs.
 */
public final class Json {
    private Json() {
    }

    /**
     * The module's own mapper (serializing logged events and responses) as a codec, for code that must not name
     * {@code ObjectMapper} (see the class comment).
     */
    public static ObjectCodec codec() {
        return Holder.MAPPER;
    }

    /**
     * A new mapper configured as logstash-logback-encoder configures its own: empty beans allowed and, when
     * {@code findModules}, the Jackson modules found on the class path registered.
     */
    public static ObjectCodec newMapper(boolean findModules) {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        if (findModules) {
            try {
                mapper.findAndRegisterModules();
            } catch (ServiceConfigurationError e) {
                LensRuntime.global().diagnostics().reportOnce("logging:jackson-modules",
                        "Jackson modules on the class path could not be registered; objects are logged without them", e);
            }
        }
        return mapper;
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
