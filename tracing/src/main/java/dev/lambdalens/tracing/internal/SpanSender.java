package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an ended (or in-progress) span into datagrams and hands them to the {@link DaemonSender}. A document
 * that does not fit in one datagram is sent with big metadata values cut to a preview and long texts cut with
 * a marker, then with its children on their own, then with less and less of the span (metadata, then most of
 * the long texts and stack frames, then annotations) until it fits: the trace keeps its shape, and the
 * subsegment always arrives with its fault and the type of its cause, rather than being lost.
 */
final class SpanSender {
    /** Metadata values longer than this are previewed when a document would not fit in a datagram. */
    static final int OVERSIZE_METADATA_LIMIT = 1024;

    /** Everything under the span still inside, cut where long. */
    private static final SpanDocument.Limits PREVIEWED = new SpanDocument.Limits(OVERSIZE_METADATA_LIMIT,
            OVERSIZE_METADATA_LIMIT, SpanDocument.MAX_FRAMES, SpanDocument.MAX_CAUSES, true, true);
    /** The steps for a span whose children go on their own; the last always fits. */
    private static final SpanDocument.Limits[] ALONE = {
            new SpanDocument.Limits(OVERSIZE_METADATA_LIMIT, OVERSIZE_METADATA_LIMIT, SpanDocument.MAX_FRAMES,
                    SpanDocument.MAX_CAUSES, true, false),
            new SpanDocument.Limits(-1, OVERSIZE_METADATA_LIMIT, SpanDocument.MAX_FRAMES, SpanDocument.MAX_CAUSES,
                    true, false),
            new SpanDocument.Limits(-1, 128, 10, 3, true, false),
            new SpanDocument.Limits(-1, 64, 0, 1, false, false),
    };

    private final DaemonSender daemon;
    private final Diagnostics diagnostics;
    private final SpanDocument.SdkChildren sdkChildren;

    SpanSender(DaemonSender daemon, Diagnostics diagnostics, boolean sdkInterop) {
        this.daemon = daemon;
        this.diagnostics = diagnostics;
        this.sdkChildren = sdkInterop ? SdkBridge::appendChildren : null;
    }

    DaemonSender daemon() {
        return daemon;
    }

    void send(Span span) {
        // The common case, one document that fits, is written and encoded in this thread's reused buffers.
        DatagramBuffer buffer = DatagramBuffer.start();
        List<byte[]> datagrams = null;
        try {
            synchronized (span.lock()) {
                new SpanDocument(buffer.text(), SpanDocument.Limits.WHOLE, sdkChildren).appendStandalone(span);
                int length = buffer.encode();
                if (length > DaemonSender.MAX_DATAGRAM_BYTES) {
                    datagrams = new ArrayList<>(2);
                    renderOversized(span, datagrams, length);
                }
                if (span.isEnded()) {
                    // In the same locked step as the writing: a span under it that ends from now on is sent alone.
                    span.markWritten();
                }
            }
            if (datagrams == null) {
                daemon.send(buffer.bytes());
                return;
            }
        } finally {
            buffer.release();
        }
        for (byte[] datagram : datagrams) {
            daemon.send(datagram);
        }
    }

    /** The datagrams for {@code span}: one when it fits, else its children separately and its texts cut. */
    private void render(Span span, List<byte[]> datagrams) {
        byte[] whole = datagram(span, SpanDocument.Limits.WHOLE);
        if (whole.length <= DaemonSender.MAX_DATAGRAM_BYTES) {
            datagrams.add(whole);
            return;
        }
        renderOversized(span, datagrams, whole.length);
    }

    /** The datagrams for {@code span}, whose whole document does not fit in one. */
    private void renderOversized(Span span, List<byte[]> datagrams, int wholeLength) {
        diagnostics.reportOnce("tracing:size", "a subsegment document of " + wholeLength + " bytes exceeds the "
                + DaemonSender.MAX_DATAGRAM_BYTES + " bytes the X-Ray daemon accepts in one datagram; metadata "
                + "values over " + OVERSIZE_METADATA_LIMIT + " characters are cut to a preview, long annotations, "
                + "exception messages and stacks are cut with a marker, and children are sent on their own where "
                + "needed", null);
        byte[] previewed = datagram(span, PREVIEWED);
        if (previewed.length <= DaemonSender.MAX_DATAGRAM_BYTES) {
            datagrams.add(previewed);
            return;
        }
        if (span.children() != null) {
            for (Span child : span.children()) {
                if (child.isEnded()) {
                    render(child, datagrams);
                }
            }
        }
        byte[] alone = null;
        for (SpanDocument.Limits limits : ALONE) {
            alone = datagram(span, limits);
            if (alone.length <= DaemonSender.MAX_DATAGRAM_BYTES) {
                break;
            }
        }
        datagrams.add(alone);
    }

    private byte[] datagram(Span span, SpanDocument.Limits limits) {
        return DaemonSender.datagram(new SpanDocument(limits, sdkChildren).standalone(span));
    }
}
