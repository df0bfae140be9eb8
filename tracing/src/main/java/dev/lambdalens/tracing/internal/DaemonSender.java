package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.spi.DocumentSink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sends documents to the X-Ray daemon over UDP, one datagram each: the header line
 * {@code {"format": "json", "version": 1}}, a newline, the document. The socket is opened on first use and
 * never connected, so an absent daemon costs nothing and raises nothing; a failure to send is reported once
 * and the function goes on.
 */
final class DaemonSender {
    static final String HEADER = "{\"format\": \"json\", \"version\": 1}\n";
    private static final int HEADER_BYTES = HEADER.length();
    /** The most the daemon accepts in one datagram, header included (the X-Ray SDK uses the same bound). */
    static final int MAX_DATAGRAM_BYTES = 63 * 1024;

    private final String address;
    private final Diagnostics diagnostics;
    private volatile InetSocketAddress target;
    private volatile DatagramChannel channel;
    private volatile boolean unusable;

    private final DocumentSink sink;

    /** A sender to the daemon at {@code address}, or to {@code sink} instead when it is not {@code null}. */
    DaemonSender(String address, Diagnostics diagnostics, DocumentSink sink) {
        this.address = address;
        this.diagnostics = diagnostics;
        this.sink = sink;
    }

    /** The datagram for {@code document}: header and document in UTF-8. */
    static byte[] datagram(String document) {
        return (HEADER + document).getBytes(StandardCharsets.UTF_8);
    }

    /** Resolves the address and opens the socket now rather than on the first send. Never throws. */
    void prepare() {
        try {
            channel();
        } catch (IOException | RuntimeException e) {
            diagnostics.reportOnce("tracing:send", "could not open a socket to the X-Ray daemon at " + address
                    + "; traces of this function may be incomplete", e);
        }
    }

    /**
     * Drops the socket and the resolved address, so that the next send opens them anew: after a SnapStart
     * restore the ones made before the snapshot belong to another machine. Never throws.
     */
    void reset() {
        DatagramChannel open;
        synchronized (this) {
            open = channel;
            channel = null;
            target = null;
            unusable = false;
        }
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // The socket of the snapshot's machine: nothing to do with it.
            }
        }
    }

    /** Sends one datagram built by {@link #datagram(String)}. Never throws. */
    void send(byte[] datagram) {
        send(ByteBuffer.wrap(datagram));
    }

    /** Sends the datagram between the buffer's position and limit. Never throws. */
    void send(ByteBuffer datagram) {
        if (sink != null) {
            // A test runtime collects the documents in memory: the document without the daemon's header line.
            int start = datagram.position() + HEADER_BYTES;
            try {
                sink.write(DocumentSink.Kind.XRAY_SEGMENT, datagram.array(), datagram.arrayOffset() + start,
                        datagram.limit() - start);
            } catch (RuntimeException e) {
                diagnostics.reportOnce("tracing:sink", "the document sink failed on an X-Ray document", e);
            }
            return;
        }
        if (unusable) {
            return;
        }
        // A DatagramChannel closes itself for good when the sending thread is interrupted (a worker of a pool that
        // was shut down ends its subsegment): the interrupt is set aside for the send and put back after, so that
        // one interrupted thread cannot cost every later trace of the environment.
        boolean interrupted = Thread.interrupted();
        int position = datagram.position();
        try {
            sendOnce(datagram);
        } catch (ClosedChannelException closed) {
            // Closed under us (by an interrupt on another path, or a reset): one more try on a fresh socket.
            dropClosedChannel();
            datagram.position(position);
            try {
                sendOnce(datagram);
            } catch (IOException | RuntimeException e) {
                reportSendFailure(e);
            }
        } catch (IOException | RuntimeException e) {
            reportSendFailure(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sendOnce(ByteBuffer datagram) throws IOException {
        DatagramChannel open = channel();
        if (open != null) {
            open.send(datagram, target);
        }
    }

    private synchronized void dropClosedChannel() {
        if (channel != null && !channel.isOpen()) {
            channel = null;
        }
    }

    private void reportSendFailure(Exception e) {
        diagnostics.reportOnce("tracing:send", "could not send a trace document to the X-Ray daemon at " + address
                + "; traces of this function may be incomplete", e);
    }

    private DatagramChannel channel() throws IOException {
        DatagramChannel open = channel;
        if (open == null) {
            synchronized (this) {
                open = channel;
                if (open == null) {
                    target = resolve();
                    if (target == null) {
                        unusable = true;
                        return null;
                    }
                    open = DatagramChannel.open();
                    channel = open;
                }
            }
        }
        return open;
    }

    private InetSocketAddress resolve() {
        int colon = address.lastIndexOf(':');
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            InetSocketAddress resolved = new InetSocketAddress(address.substring(0, colon), port);
            if (colon <= 0 || resolved.isUnresolved()) {
                throw new IllegalArgumentException("unresolvable host");
            }
            return resolved;
        } catch (RuntimeException e) {
            diagnostics.reportOnce("tracing:daemon-address", "the X-Ray daemon address " + address
                    + " is not a reachable host:port; no traces are sent", e);
            return null;
        }
    }
}
