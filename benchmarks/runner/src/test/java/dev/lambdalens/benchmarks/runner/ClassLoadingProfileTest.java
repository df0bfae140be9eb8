package dev.lambdalens.benchmarks.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassLoadingProfileTest {
    private static final String JAR = "file:/root/.m2/repository/x/";

    @TempDir
    Path dir;

    @Test
    void packageOfKeepsThreeSegmentsAndPutsLambdasWithTheirHost() {
        assertEquals("dev.lambdalens.core", ClassLoadingProfile.packageOf("dev.lambdalens.core.internal.TextBuffer"));
        assertEquals("dev.lambdalens.core",
                ClassLoadingProfile.packageOf("dev.lambdalens.core.MaskingSettings$$Lambda$12/0x00007f701d04cea0"));
        assertEquals("java.util", ClassLoadingProfile.packageOf("java.util.Comparator$$Lambda$6/0x00007f701d04cea0"));
        assertEquals("sun.nio.ch", ClassLoadingProfile.packageOf("sun.nio.ch.DatagramChannelImpl"));
        assertEquals("(default package)", ClassLoadingProfile.packageOf("Handler"));
        assertEquals("(default package)", ClassLoadingProfile.packageOf("Handler$Inner"));
    }

    @Test
    void byPackageCountsOnlyTheClassesTheBaselineDoesNotLoad() throws IOException {
        Map<Variant, ClassLoadingProfile.Counts> counts = new LinkedHashMap<>();
        counts.put(Variant.BASELINE, ClassLoadingProfile.read(log("baseline",
                "java.lang.Object source: shared objects file",
                "java.util.ArrayList source: jrt:/java.base",
                "[0.012s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: " + JAR + "ric.jar")));
        counts.put(Variant.POWERTOOLS_ALL, ClassLoadingProfile.read(log("powertools",
                "java.lang.Object source: shared objects file",
                "org.apache.logging.log4j.Logger source: " + JAR + "log4j-api.jar")));
        counts.put(Variant.LENS_ALL_PLAIN, ClassLoadingProfile.read(log("lens",
                "java.lang.Object source: shared objects file",
                "java.util.ArrayList source: jrt:/java.base",
                "[0.012s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: " + JAR + "ric.jar",
                "dev.lambdalens.core.LensRuntime source: " + JAR + "lambda-lens-core.jar",
                "dev.lambdalens.core.internal.TextBuffer source: " + JAR + "lambda-lens-core.jar",
                "dev.lambdalens.core.MaskingSettings$$Lambda$12/0x00007f701d04cea0 source: dev.lambdalens.core.MaskingSettings",
                "sun.nio.ch.DatagramChannelImpl source: jrt:/java.base",
                "a line the JVM wrote without a source")));

        assertEquals(7, counts.get(Variant.LENS_ALL_PLAIN).total(), "every line with a source");
        String markdown = ClassLoadingProfile.byPackageMarkdown(counts);
        assertTrue(markdown.contains("| lens-all-plain | baseline | 4 | `dev.lambdalens.core` 3, `sun.nio.ch` 1 |"), markdown);
        assertFalse(markdown.contains("powertools-all"), "only Lambda Lens variants: " + markdown);
        assertFalse(markdown.contains("\n| baseline |"), "no row for the baseline itself: " + markdown);

        // aws-lens is compared with aws-none (the same function untraced), and left out when aws-none did not run.
        counts.put(Variant.AWS_LENS, ClassLoadingProfile.read(log("aws-lens",
                "software.amazon.awssdk.core.SdkClient source: " + JAR + "sdk-core.jar",
                "dev.lambdalens.tracing.internal.aws.TracingExecutionInterceptor source: " + JAR + "lambda-lens-tracing.jar")));
        assertFalse(ClassLoadingProfile.byPackageMarkdown(counts).contains("aws-lens"));
        counts.put(Variant.AWS_NONE, ClassLoadingProfile.read(log("aws-none",
                "software.amazon.awssdk.core.SdkClient source: " + JAR + "sdk-core.jar")));
        assertTrue(ClassLoadingProfile.byPackageMarkdown(counts).contains(
                "| aws-lens | aws-none | 1 | `dev.lambdalens.tracing` 1 |"), ClassLoadingProfile.byPackageMarkdown(counts));

        counts.remove(Variant.BASELINE);
        assertEquals("", ClassLoadingProfile.byPackageMarkdown(counts), "nothing to compare with");
    }

    private Path log(String name, String... lines) throws IOException {
        return Files.write(dir.resolve("classload-" + name + ".log"), List.of(lines));
    }
}
