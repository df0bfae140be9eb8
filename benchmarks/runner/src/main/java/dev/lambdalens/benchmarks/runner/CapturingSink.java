package dev.lambdalens.benchmarks.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard output of a JMH fork: every variant writes its log lines and EMF documents here, the one sink they
 * all share. While measuring it only counts bytes (a real Lambda pipe costs a write either way, and the
 * benchmark must not print megabytes through JMH); after measuring it can capture one invocation's output for
 * the emission checks.
 */
final class CapturingSink extends OutputStream {
    private long bytes;
    private ByteArrayOutputStream capture;

    @Override
    public synchronized void write(int b) {
        bytes++;
        if (capture != null) {
            capture.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] buffer, int offset, int length) {
        bytes += length;
        if (capture != null) {
            capture.write(buffer, offset, length);
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized void startCapture() {
        capture = new ByteArrayOutputStream();
    }

    /** The lines written since {@link #startCapture()}. */
    synchronized List<String> stopCapture() {
        String text = capture == null ? "" : capture.toString(StandardCharsets.UTF_8);
        capture = null;
        return text.lines().toList();
    }
}
