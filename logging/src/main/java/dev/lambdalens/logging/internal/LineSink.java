package dev.lambdalens.logging.internal;

/** Where an encoded log line (JSON plus line separator) is written, in one piece. */
public interface LineSink {
    void writeLine(byte[] line);
}
