package dev.lambdalens.metrics.internal;

import dev.lambdalens.metrics.MetricsOutput;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes each document and its newline to {@link System#out} with one {@code write(byte[], int, int)}: a
 * {@link PrintStream} does that under its lock and hands the bytes to the stream below in one call, so a
 * document is never interleaved with other output. For Lambda Lens modules only: not a public API.
 */
public enum StandardOutput implements MetricsOutput {
    INSTANCE;

    @Override
    public void write(String document) {
        byte[] bytes = (document + '\n').getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        out.write(bytes, 0, bytes.length);
        out.flush();
    }
}
