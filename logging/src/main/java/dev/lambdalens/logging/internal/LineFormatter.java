package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.ContextAware;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import net.logstash.logback.composite.loggingevent.LoggingEventCompositeJsonFormatter;
import net.logstash.logback.decorate.JsonFactoryDecorator;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.decorate.NullJsonFactoryDecorator;
import net.logstash.logback.util.ThreadLocalHolder;

import java.io.IOException;
import java.io.OutputStream;

/**
 * logstash's composite formatter (the same providers, decorators and XML properties) started without an
 * {@code ObjectMapper}: logstash's own {@code start()} creates one for its {@code JsonFactory}, which loads
 * about 300 jackson-databind classes at cold start even when no line ever needs them. This formatter builds a
 * plain jackson-core factory whose codec is a {@link LazyObjectCodec}; the mapper appears only when a line
 * serializes an object. A configured {@code <jsonFactoryDecorator>} gets the real mapper's factory at start,
 * as in logstash, because such decorators customize the mapper through {@code factory.getCodec()}.
 *
 * <p>Each thread encodes into its own {@link Line}: a generator bound to a reusable {@link LineBuffer}.
 */
public final class LineFormatter extends LoggingEventCompositeJsonFormatter {
    private static final int INITIAL_LINE_BYTES = 1024;

    private volatile boolean started;
    private JsonFactory factory;
    private LazyObjectCodec codec;
    private JsonEncoding encoding;
    private ThreadLocalHolder<Line> lines;

    public LineFormatter(ContextAware declaredOrigin) {
        super(declaredOrigin);
    }

    @Override
    public void start() {
        if (started) {
            return;
        }
        if (getProviders().getProviders().isEmpty()) {
            addError("No providers configured");
        }
        boolean findModules = isFindAndRegisterJacksonModules();
        JsonFactoryDecorator factoryDecorator = getJsonFactoryDecorator();
        if (factoryDecorator == null || factoryDecorator instanceof NullJsonFactoryDecorator) {
            factory = JsonFactory.builder()
                    .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                    .disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING)
                    .build();
            codec = new LazyObjectCodec(factory, () -> Json.newMapper(findModules));
            factory.setCodec(codec); // providers that parse JSON (custom fields) read trees through it
        } else {
            ObjectCodec mapper = Json.newMapper(findModules);
            JsonFactory mapperFactory = mapper.getFactory();
            mapperFactory.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            factory = factoryDecorator.decorate(mapperFactory)
                    .disable(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING);
            codec = new LazyObjectCodec(factory, () -> mapper);
            codec.mapper();
        }
        encoding = encoding(getEncoding());
        getProviders().setContext(getContext());
        getProviders().setJsonFactory(factory);
        getProviders().start();
        lines = new ThreadLocalHolder<>(this::newLine);
        started = true;
    }

    @Override
    public void stop() {
        if (started) {
            lines.close();
            getProviders().stop();
            started = false;
        }
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public JsonFactory getJsonFactory() {
        return factory;
    }

    /** The codec of this formatter's generators. */
    public LazyObjectCodec codec() {
        return codec;
    }

    /** The calling thread's line, emptied; give it back with {@link #release()}. */
    public Line acquire() {
        Line line = lines.acquire();
        line.bytes.reset();
        return line;
    }

    public void release() {
        lines.release();
    }

    /** Appends the JSON object of {@code event} to {@code line}. */
    public void write(Line line, ILoggingEvent event) throws IOException {
        try {
            writeEventToGenerator(line.generator, event);
        } catch (IOException | RuntimeException e) {
            line.recyclable = false; // The generator stopped half-way through an object: a new one next time.
            throw e;
        }
    }

    /** For logstash's streaming use: the JSON object of {@code event}, in one write. */
    @Override
    public void writeEvent(ILoggingEvent event, OutputStream outputStream) throws IOException {
        if (!started) {
            throw new IllegalStateException("Formatter is not started");
        }
        Line line = acquire();
        try {
            write(line, event);
            outputStream.write(line.bytes.array(), 0, line.bytes.size());
        } finally {
            release();
        }
    }

    private Line newLine() {
        LineBuffer bytes = new LineBuffer(INITIAL_LINE_BYTES);
        try {
            JsonGenerator generator = factory.createGenerator(bytes, encoding);
            generator.setCodec(codec);
            JsonGeneratorDecorator decorator = getJsonGeneratorDecorator();
            JsonGenerator decorated = decorator == null ? generator : decorator.decorate(generator);
            JsonGenerator outer = new UserKeysGenerator(new MapperOnDemandGenerator(decorated, codec));
            outer.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try {
                // One generator writes many lines: no separator between root values.
                outer.setRootValueSeparator(new SerializedString(""));
            } catch (UnsupportedOperationException ignored) {
                // Some generators have no root value separator.
            }
            return new Line(bytes, outer);
        } catch (IOException e) {
            throw new IllegalStateException("could not create a JSON generator", e);
        }
    }

    private static JsonEncoding encoding(String name) {
        for (JsonEncoding candidate : JsonEncoding.values()) {
            if (candidate.getJavaName().equalsIgnoreCase(name) || candidate.name().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return JsonEncoding.UTF8;
    }

    /** One thread's generator and the buffer it writes to. */
    public static final class Line implements ThreadLocalHolder.Lifecycle {
        private final LineBuffer bytes;
        private final JsonGenerator generator;
        private boolean recyclable = true;

        Line(LineBuffer bytes, JsonGenerator generator) {
            this.bytes = bytes;
            this.generator = generator;
        }

        public LineBuffer bytes() {
            return bytes;
        }

        @Override
        public boolean recycle() {
            return recyclable;
        }

        @Override
        public void dispose() {
            try {
                generator.close();
            } catch (IOException | RuntimeException ignored) {
                // A generator that failed half-way may refuse to close; it is dropped anyway.
            }
        }
    }
}
