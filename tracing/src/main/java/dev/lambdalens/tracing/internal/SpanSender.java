package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an ended (or in-progress) span into datagrams and hands them to the {@link DaemonSender}. A document
 * that does not fit in one datagram is sent with big metadata values cut to a preview, then with its children
 * on their own, then without metadata: the trace keeps its shape rather than losing the subsegment.
 */
final class SpanSender {
    /** Metadata values longer than this are previewed when a document would not fit in a datagram. */
    static final int OVERSIZE_METADATA_LIMIT = 1024;

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
                new SpanDocument(buffer.text(), Integer.MAX_VALUE, true, sdkChildren).appendStandalone(span);
                int length = buffer.encode();
                if (length > DaemonSender.MAX_DATAGRAM_BYTES) {
                    datagrams = new ArrayList<>(2);
                    renderOversized(span, datagrams, length);
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

    /** The datagrams for {@code span}: one when it fits, else its children separately and big metadata cut. */
    private void render(Span span, List<byte[]> datagrams) {
        byte[] whole = DaemonSender.datagram(new SpanDocument(Integer.MAX_VALUE, true, sdkChildren).standalone(span));
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
                + "values over " + OVERSIZE_METADATA_LIMIT + " characters are cut to a preview and children are "
                + "sent on their own where needed", null);
        byte[] previewed = DaemonSender.datagram(
                new SpanDocument(OVERSIZE_METADATA_LIMIT, true, sdkChildren).standalone(span));
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
        byte[] alone = DaemonSender.datagram(
                new SpanDocument(OVERSIZE_METADATA_LIMIT, false, sdkChildren).standalone(span));
        if (alone.length > DaemonSender.MAX_DATAGRAM_BYTES) {
            alone = DaemonSender.datagram(new SpanDocument(-1, false, sdkChildren).standalone(span));
        }
        datagrams.add(alone);
    }
}
