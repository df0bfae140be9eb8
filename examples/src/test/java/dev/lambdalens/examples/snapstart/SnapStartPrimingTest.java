package dev.lambdalens.examples.snapstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InitializationType;
import dev.lambdalens.examples.Example;
import dev.lambdalens.examples.OneTraceId;
import dev.lambdalens.examples.Telemetry;
import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart priming as Lambda drives it: the real runtime client, in a SnapStart environment, runs the CRaC
 * resources' {@code beforeCheckpoint} after init, asks for {@code /runtime/restore/next}, then runs
 * {@code afterRestore}. Lambda Lens's own resource primes logging, metrics and tracing without the function
 * writing a line of it; the function's own priming writes one log line; nothing is recorded or sent.
 */
class SnapStartPrimingTest {
    private static final List<String> PRIMED_PACKAGES = List.of("dev.lambdalens.", "ch.qos.logback.",
            "net.logstash.logback.", "com.fasterxml.jackson.core.");
    /** The function's own classes (the marker, the handler's), not the libraries'. */
    private static final String EXAMPLE_PACKAGE = "dev.lambdalens.examples.";

    private static LocalLambdaRuntime.Builder runtime(LocalXRayDaemon daemon, Path classLog) {
        return Example.SNAPSTART.configure(LocalLambdaRuntime.builder())
                .handler(ClassLoadMarkingQuoteHandler.class.getName() + "::handleRequest")
                .initializationType(InitializationType.SNAP_START)
                .xrayDaemonAddress(daemon.address())
                .jvmArg("-Xlog:class+load=info:file=" + classLog);
    }

    @Test
    void theLibraryPrimesItselfBeforeTheSnapshotWritingAndSendingNothing() throws IOException {
        Path classLog = Files.createTempFile("snapstart-classes", ".log");
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start();
             LocalLambdaRuntime runtime = runtime(daemon, classLog).build()) {
            runtime.start();
            List<JsonNode> initLines = runtime.stdoutLines().stream().filter(line -> !line.isBlank())
                    .map(line -> Telemetry.parseObject(line).orElseThrow(() -> new AssertionError("not JSON: " + line)))
                    .toList();
            assertEquals(1, initLines.size(), initLines::toString);
            assertTrue(initLines.get(0).path("message").asText().startsWith("quote path primed during init"));
            assertTrue(initLines.get(0).path("function_request_id").isMissingNode(), "priming is no invocation");
            assertEquals(List.of(), runtime.stderrLines(), "priming reports no problem");
            assertEquals(List.of(), daemon.datagrams(), "priming sends no trace");

            Invocation invocation = runtime.invoke(Example.SNAPSTART.event("get-quote.json"));
            Telemetry telemetry = Telemetry.of(invocation, daemon);
            assertTrue(invocation.response().orElseThrow().contains("\\\"totalCents\\\":2670"), invocation::toString);
            assertTrue(telemetry.metric("ColdStart").isEmpty(), "no cold start after a restore");
            assertEquals(1.0, telemetry.metric("Quotes").orElseThrow().asDouble(), "priming recorded no metric");
            OneTraceId.assertJoined(List.of(telemetry), daemon);

            List<String> loadedByTheFirstInvocation = classesAfterTheMarker(classLog);
            List<String> primedButLoadedLate = loadedByTheFirstInvocation.stream()
                    .filter(name -> PRIMED_PACKAGES.stream().anyMatch(name::startsWith))
                    .filter(name -> !name.startsWith(EXAMPLE_PACKAGE)).toList();
            System.out.println("SnapStart first invocation after priming loads " + loadedByTheFirstInvocation.size()
                    + " classes (by package: " + byPackage(loadedByTheFirstInvocation) + "), "
                    + primedButLoadedLate.size() + " of them Lambda Lens, Logback, logstash or jackson-core");
            assertFalse(loadedByTheFirstInvocation.isEmpty(), "the marker class was not found in the class log");
            assertEquals(List.of(), primedButLoadedLate,
                    "classes of the primed libraries that still load in the first invocation");
        } finally {
            Files.deleteIfExists(classLog);
        }
    }

    /** How many of {@code classes} each package (its first three names) has, for the report. */
    private static Map<String, Long> byPackage(List<String> classes) {
        return classes.stream().collect(Collectors.groupingBy(name -> {
            String[] parts = name.split("\\.");
            return String.join(".", Arrays.asList(parts).subList(0, Math.min(3, parts.length - 1)));
        }, TreeMap::new, Collectors.counting()));
    }

    private static List<String> classesAfterTheMarker(Path classLog) throws IOException {
        List<String> lines = Files.readAllLines(classLog);
        int marker = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(ClassLoadMarkingQuoteHandler.FirstInvocation.class.getName() + " ")) {
                marker = i;
                break;
            }
        }
        if (marker < 0) {
            return List.of();
        }
        return lines.subList(marker, lines.size()).stream().map(SnapStartPrimingTest::className).toList();
    }

    private static String className(String line) {
        // "[0.123s][info][class,load] java.lang.Foo source: ..."
        int start = line.indexOf("] ", line.indexOf("[class,load]")) + 2;
        int end = line.indexOf(' ', start);
        return end > start ? line.substring(start, end) : line.substring(start);
    }
}
