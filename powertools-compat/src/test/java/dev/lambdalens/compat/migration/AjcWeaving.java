package dev.lambdalens.compat.migration;

import dev.lambdalens.logging.Logging;
import dev.lambdalens.metrics.FlushMetrics;
import dev.lambdalens.tracing.Tracing;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.aspectj.tools.ajc.Main;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles sources with ajc, weaving Lambda Lens's logging, tracing and metrics aspects into them, as
 * {@code aspectj-maven-plugin} with those three modules as {@code aspectLibraries} does in a user's build.
 */
final class AjcWeaving {
    private AjcWeaving() {
    }

    /** The class path of the running tests. */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * Writes {@code sources} (relative path to text) under {@code dir/src}, compiles and weaves them into
     * {@code dir/woven}, and fails the test on any ajc error or when no join point was woven.
     *
     * @return the folder of the woven classes
     */
    static Path weave(Path dir, Map<String, String> sources) throws IOException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Path woven = Files.createDirectories(dir.resolve("woven"));
        String aspectpath = Arrays.asList(Logging.class, Tracing.class, FlushMetrics.class).stream()
                .map(AjcWeaving::locationOf).collect(Collectors.joining(File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8",
                "-classpath", testClasspath(), "-aspectpath", aspectpath, "-d", woven.toString(), "-showWeaveInfo"));
        args.addAll(files);
        MessageHandler messages = new MessageHandler();
        new Main().run(args.toArray(String[]::new), messages);
        List<String> errors = Arrays.stream(messages.getMessages(IMessage.ERROR, true)).map(String::valueOf).toList();
        assertEquals(List.of(), errors, "ajc errors");
        List<String> woveInfo = Arrays.stream(messages.getMessages(IMessage.WEAVEINFO, false))
                .map(IMessage::getMessage).toList();
        assertTrue(woveInfo.stream().anyMatch(m -> m.contains("dev.lambdalens.logging")), woveInfo::toString);
        assertTrue(woveInfo.stream().anyMatch(m -> m.contains("dev.lambdalens.tracing")), woveInfo::toString);
        assertTrue(woveInfo.stream().anyMatch(m -> m.contains("dev.lambdalens.metrics")), woveInfo::toString);
        return woven;
    }

    /** The jar or classes folder that holds a type (and the aspects of its module). */
    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
