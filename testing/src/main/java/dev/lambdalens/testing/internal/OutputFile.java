package dev.lambdalens.testing.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file the child's stdout or stderr is redirected to. A write by the child reaches the file before the child
 * sends its next HTTP request, so byte offsets taken when the runtime API sees a request split the output
 * deterministically between invocations, with no timing guesses.
 */
public final class OutputFile {
    private final Path path;

    public OutputFile(Path path) {
        this.path = path;
    }

    /** The file the child writes to. */
    public Path path() {
        return path;
    }

    /** The number of bytes written so far; 0 before the file exists. */
    public long size() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line written so far. */
    public List<String> allLines() {
        return linesBetween(0, size());
    }

    /** The lines in bytes {@code [start, end)}; a last line without a line break is included. */
    public List<String> linesBetween(long start, long end) {
        if (end <= start) {
            return List.of();
        }
        byte[] bytes = new byte[Math.toIntExact(end - start)];
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            file.seek(start);
            file.readFully(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return splitLines(new String(bytes, StandardCharsets.UTF_8));
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int lineEnd = i > lineStart && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(lineStart, lineEnd));
                lineStart = i + 1;
            }
        }
        if (lineStart < text.length()) {
            lines.add(text.substring(lineStart));
        }
        return lines;
    }
}
