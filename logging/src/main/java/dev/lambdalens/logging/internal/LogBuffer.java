package dev.lambdalens.logging.internal;

import dev.lambdalens.core.internal.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The encoded lines one invocation held back, bounded by bytes. When a new line does not fit, the oldest lines
 * are evicted and counted; a flush writes one line saying how many were dropped (on its own when no kept line
 * is left), then the kept lines in order. After {@link #flushAndPassThrough} the buffer holds nothing more: the
 * invocation is about to be stopped by Lambda, so later lines must be written at once or they are lost.
 * Adding is constant time per line. Thread-safe: worker threads of the invocation log into the same buffer.
 */
public final class LogBuffer {
    private final long maxBytes;
    private final ArrayDeque<Entry> lines = new ArrayDeque<>();
    private long bytes;
    private int evicted;
    /** Where the last line offered was meant to go: the eviction note needs a sink even if no line is kept. */
    private LineSink lastSink;
    private volatile boolean passingThrough;

    public LogBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Holds {@code line} for {@code sink}; evicts the oldest lines while the buffer is over its bound. Returns
     * false, holding nothing, once the buffer passes lines through: the caller writes the line itself.
     */
    public synchronized boolean add(LineSink sink, byte[] line) {
        if (passingThrough) {
            return false;
        }
        lastSink = sink;
        if (line.length > maxBytes) {
            evicted++;
            return true;
        }
        lines.addLast(new Entry(sink, line));
        bytes += line.length;
        while (bytes > maxBytes) {
            Entry oldest = lines.removeFirst();
            bytes -= oldest.line.length;
            evicted++;
        }
        return true;
    }

    /** Whether lines are no longer held (after {@link #flushAndPassThrough}); a hint, {@link #add} decides. */
    public boolean passesThrough() {
        return passingThrough;
    }

    /**
     * Writes what is held, oldest first, and empties the buffer. {@code requestId} and {@code traceId} go on the
     * line reporting evictions so that it can be found with the invocation's other lines.
     */
    public void flush(String requestId, String traceId) {
        Entry[] toWrite;
        int dropped;
        LineSink noteSink;
        synchronized (this) {
            toWrite = lines.toArray(new Entry[0]);
            dropped = evicted;
            noteSink = lastSink;
            lines.clear();
            bytes = 0;
            evicted = 0;
        }
        write(toWrite, dropped, noteSink, requestId, traceId);
    }

    /**
     * {@link #flush} for the last moment before the deadline, after which nothing is held: {@link #add} returns
     * false and the caller writes each later line at once. Written with the lock held, so that a line another
     * thread logs meanwhile comes after the held ones instead of overtaking them.
     */
    public synchronized void flushAndPassThrough(String requestId, String traceId) {
        passingThrough = true;
        Entry[] toWrite = lines.toArray(new Entry[0]);
        int dropped = evicted;
        lines.clear();
        bytes = 0;
        evicted = 0;
        write(toWrite, dropped, lastSink, requestId, traceId);
    }

    private static void write(Entry[] toWrite, int dropped, LineSink noteSink, String requestId, String traceId) {
        if (dropped > 0 && noteSink != null) {
            noteSink.writeLine(evictionLine(dropped, requestId, traceId));
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
