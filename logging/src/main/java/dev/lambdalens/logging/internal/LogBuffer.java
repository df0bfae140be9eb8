package dev.lambdalens.logging.internal;

import dev.lambdalens.core.internal.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The encoded lines one invocation held back, bounded by bytes. When a new line does not fit, the oldest lines
 * are evicted and counted; a flush writes one line saying how many were dropped, then the kept lines in order.
 * Adding is constant time per line. Thread-safe: worker threads of the invocation log into the same buffer.
 */
public final class LogBuffer {
    private final long maxBytes;
    private final ArrayDeque<Entry> lines = new ArrayDeque<>();
    private long bytes;
    private int evicted;

    public LogBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Holds {@code line} for {@code sink}; evicts the oldest lines while the buffer is over its bound. */
    public synchronized void add(LineSink sink, byte[] line) {
        if (line.length > maxBytes) {
            evicted++;
            return;
        }
        lines.addLast(new Entry(sink, line));
        bytes += line.length;
        while (bytes > maxBytes) {
            Entry oldest = lines.removeFirst();
            bytes -= oldest.line.length;
            evicted++;
        }
    }

    /**
     * Writes what is held, oldest first, and empties the buffer. {@code requestId} and {@code traceId} go on the
     * line reporting evictions so that it can be found with the invocation's other lines.
     */
    public void flush(String requestId, String traceId) {
        Entry[] toWrite;
        int dropped;
        synchronized (this) {
            toWrite = lines.toArray(new Entry[0]);
            dropped = evicted;
            lines.clear();
            bytes = 0;
            evicted = 0;
        }
        if (dropped > 0) {
            LineSink sink = toWrite.length > 0 ? toWrite[0].sink : null;
            if (sink != null) {
                sink.writeLine(evictionLine(dropped, requestId, traceId));
            }
        }
        for (Entry entry : toWrite) {
            entry.sink.writeLine(entry.line);
        }
    }

    /** Drops what is held: the invocation succeeded, nobody needs these lines. */
    public synchronized void clear() {
        lines.clear();
        bytes = 0;
        evicted = 0;
    }

    public synchronized int size() {
        return lines.size();
    }

    private static byte[] evictionLine(int dropped, String requestId, String traceId) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"level\":\"WARN\",\"logger\":\"dev.lambdalens.logging\",\"message\":");
        JsonText.appendQuoted(line, dropped + " buffered log lines were dropped because the buffer was full");
        if (requestId != null) {
            line.append(",\"function_request_id\":");
            JsonText.appendQuoted(line, requestId);
        }
        if (traceId != null) {
            line.append(",\"xray_trace_id\":");
            JsonText.appendQuoted(line, traceId);
        }
        line.append(",\"lambda_lens\":{\"dropped_buffered_lines\":").append(dropped).append("}}\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class Entry {
        final LineSink sink;
        final byte[] line;

        Entry(LineSink sink, byte[] line) {
            this.sink = sink;
            this.line = line;
        }
    }
}
