package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import net.logstash.logback.composite.JsonFactoryAware;
import net.logstash.logback.composite.JsonProvider;

import java.io.IOException;

/**
 * A provider added in logback.xml next to the Lambda Lens ones, wrapped so that a top-level key it writes with
 * a reserved name (logstash's markers provider writing {@code Markers.append("level", ...)}, a second
 * {@code <timestamp/>}) becomes {@code extra_<name>} instead of a second key of that name. Everything else is
 * the wrapped provider's.
 */
public final class UserFieldsJsonProvider extends ContextAwareBase implements JsonProvider<ILoggingEvent>, JsonFactoryAware {
    private final JsonProvider<ILoggingEvent> delegate;

    public UserFieldsJsonProvider(JsonProvider<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        boolean previous = UserKeysGenerator.enter(generator);
        try {
            delegate.writeTo(generator, event);
        } finally {
            UserKeysGenerator.exit(generator, previous);
        }
    }

    @Override
    public void prepareForDeferredProcessing(ILoggingEvent event) {
        delegate.prepareForDeferredProcessing(event);
    }

    @Override
    public void setJsonFactory(JsonFactory jsonFactory) {
        if (delegate instanceof JsonFactoryAware) {
            ((JsonFactoryAware) delegate).setJsonFactory(jsonFactory);
        }
    }

    @Override
    public void setContext(Context context) {
        super.setContext(context);
        delegate.setContext(context);
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public boolean isStarted() {
        return delegate.isStarted();
    }
}
