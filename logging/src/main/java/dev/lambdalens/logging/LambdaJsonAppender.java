package dev.lambdalens.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import dev.lambdalens.logging.internal.HostileThrowableFilter;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.core.spi.DocumentSink;
import dev.lambdalens.logging.internal.LineSink;
import dev.lambdalens.logging.internal.LogBuffer;
import dev.lambdalens.logging.internal.LogState;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes each log line to standard output in one write (Lambda turns each write into one CloudWatch Logs
 * event), encoding it on the logging thread so that it carries that thread's invocation ids. When the current
 * invocation buffers, lines at or below the buffer level are held in the invocation's buffer instead, and an
 * ERROR line first writes what was held.
 *
 * <p>Its encoder is a {@link LambdaJsonEncoder} unless one is configured. With that encoder a line is written
 * straight from the logging thread's reusable buffer (no {@code byte[]} per line), so the target stream must not
 * keep the array after {@code write} returns (no {@code OutputStream} does).
 */
public class LambdaJsonAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements LineSink {
    private Encoder<ILoggingEvent> encoder;
    private OutputStream target;
    /** Takes lines straight from a {@link LambdaJsonEncoder}'s reusable buffer: no byte[] per line. */
    private final LambdaJsonEncoder.LineTarget deliver = this::deliver;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /** Where lines go instead of {@link System#out} (read at each write, so a replaced stream is followed). */
    public void setOutputStream(OutputStream target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void start() {
        if (encoder == null) {
            LambdaJsonEncoder defaultEncoder = new LambdaJsonEncoder();
            defaultEncoder.setContext(getContext());
            encoder = defaultEncoder;
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        guardAgainstHostileExceptions();
        super.start();
    }

    /** Adds, once per context, the filter that keeps an unreadable exception from failing the log call. */
    private void guardAgainstHostileExceptions() {
        if (!(getContext() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) getContext();
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof HostileThrowableFilter) {
                return;
            }
        }
        HostileThrowableFilter filter = new HostileThrowableFilter(LensRuntime.global().diagnostics());
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (encoder instanceof LambdaJsonEncoder) {
            ((LambdaJsonEncoder) encoder).encodeTo(event, deliver);
            return;
        }
        byte[] line = encoder.encode(event);
        if (line != null) {
            deliver(event, line, line.length);
        }
    }

    private void deliver(ILoggingEvent event, byte[] line, int length) {
        if (length == 0) {
            return;
        }
        LogState state = LogState.peek();
        if (state != null) {
            LogBuffer buffer = state.buffer();
            if (buffer != null) {
                int level = event.getLevel().levelInt;
                // Held after this call returns: it needs its own copy of the reused bytes. Past the deadline
                // flush the buffer holds nothing more and the line is written now.
                if (level <= state.bufferLevel() && !buffer.passesThrough()
                        && buffer.add(this, Arrays.copyOf(line, length))) {
                    return;
                }
                if (level >= Level.ERROR_INT && state.flushOnErrorLog()) {
                    state.flushBuffer(InvocationScope.current());
                }
            }
        }
        write(line, length);
    }

    @Override
    public void writeLine(byte[] line) {
        write(line, line.length);
    }

    private void write(byte[] line, int length) {
        InvocationScope scope = InvocationScope.current();
        DocumentSink sink = scope == null ? null : scope.runtime().documentSink();
        if (sink != null) {
            // A test runtime collects the lines in memory instead (without the line break).
            int end = length > 0 && line[length - 1] == '\n' ? length - 1 : length;
            try {
                sink.write(DocumentSink.Kind.LOG_LINE, line, 0, end);
            } catch (RuntimeException e) {
                scope.runtime().diagnostics().reportOnce("logging:sink", "the document sink failed on a log line", e);
            }
            return;
        }
        OutputStream out = target != null ? target : System.out;
        try {
            // PrintStream.write(byte[], int, int) holds its lock for the whole line: no interleaving.
            synchronized (out) {
                out.write(line, 0, length);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            LensRuntime.global().diagnostics().reportOnce("logging:write",
                    "could not write a log line to standard output", e);
        }
    }
}
