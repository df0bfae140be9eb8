package dev.lambdalens.compat.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.ArrayDeque;

/**
 * The events one invocation held back in one {@link BufferingAppender}, bounded as Powertools bounds them: by
 * the summed length of their formatted messages. The oldest are evicted when a new one does not fit; one larger
 * than the whole bound is not kept. Thread-safe: the invocation's worker threads log into the same buffer.
 */
final class HeldEvents {
    private final int maxBytes;
    private final ArrayDeque<ILoggingEvent> events = new ArrayDeque<>();
    private long size;
    private boolean evicted;
    private boolean passingThrough;

    HeldEvents(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Holds {@code event}; returns false, holding nothing, once the deadline flush passed: write it now. */
    synchronized boolean add(ILoggingEvent event) {
        if (passingThrough) {
            return false;
        }
        int eventSize = sizeOf(event);
        if (eventSize > maxBytes) {
            evicted = true;
            return true;
        }
        events.addLast(event);
        size += eventSize;
        while (size > maxBytes) {
            size -= sizeOf(events.removeFirst());
            evicted = true;
        }
        return true;
    }

    /** Empties the buffer; returns what it held, oldest first, and whether any event was evicted. */
    synchronized Taken take(boolean passThroughFromNow) {
        passingThrough |= passThroughFromNow;
        Taken taken = new Taken(events.toArray(new ILoggingEvent[0]), evicted);
        clear();
        return taken;
    }

    synchronized void clear() {
        events.clear();
        size = 0;
        evicted = false;
    }

    synchronized int size() {
        return events.size();
    }

    private static int sizeOf(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        return message == null ? 0 : message.length();
    }

    static final class Taken {
        final ILoggingEvent[] events;
        final boolean evicted;

        Taken(ILoggingEvent[] events, boolean evicted) {
            this.events = events;
            this.evicted = evicted;
        }
    }
}
