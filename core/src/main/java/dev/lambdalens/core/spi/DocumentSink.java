package dev.lambdalens.core.spi;

/**
 * Where a module writes one finished document when the runtime has a sink ({@link
 * dev.lambdalens.core.LensRuntime#documentSink()}): a test runtime collects them in memory instead of reading
 * standard output and a UDP socket. Without a sink, modules write to their default outputs.
 *
 * <p>Called from any thread, once per document; the bytes are only valid during the call. Must not throw.
 */
@FunctionalInterface
public interface DocumentSink {

    /** What a document is. */
    enum Kind {
        /** One JSON log line, without the line break. */
        LOG_LINE,
        /** One CloudWatch Embedded Metric Format document, without the line break. */
        EMF,
        /** One X-Ray segment or subsegment document, without the daemon's datagram header. */
        XRAY_SEGMENT
    }

    /** Takes {@code length} bytes of UTF-8 JSON from {@code utf8} at {@code offset}. */
    void write(Kind kind, byte[] utf8, int offset, int length);
}
