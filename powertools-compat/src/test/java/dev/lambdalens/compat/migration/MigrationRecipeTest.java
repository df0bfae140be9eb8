package dev.lambdalens.compat.migration;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.maven.Assertions.pomXml;
import static org.openrewrite.xml.Assertions.xml;

/**
 * Runs the shipped recipe {@code dev.lambdalens.compat.MigrateFromPowertools} (read from this module's
 * META-INF/rewrite, as rewrite-maven-plugin reads it from the jar) with OpenRewrite 8.67.0, the engine of
 * rewrite-maven-plugin 6.24.0, on a Powertools v2 handler, logback.xml and pom.xml, and compiles the migrated
 * handler against Lambda Lens.
 */
class MigrationRecipeTest implements RewriteTest {
    static final String POWERTOOLS_HANDLER = """
            package com.example;

            import com.amazonaws.services.lambda.runtime.Context;
            import java.util.Map;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;
            import software.amazon.lambda.powertools.logging.CorrelationIdPaths;
            import software.amazon.lambda.powertools.logging.Logging;
            import software.amazon.lambda.powertools.logging.PowertoolsLogging;
            import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
            import software.amazon.lambda.powertools.logging.argument.StructuredArguments;
            import software.amazon.lambda.powertools.metrics.FlushMetrics;
            import software.amazon.lambda.powertools.metrics.Metrics;
            import software.amazon.lambda.powertools.metrics.MetricsFactory;
            import software.amazon.lambda.powertools.metrics.model.DimensionSet;
            import software.amazon.lambda.powertools.metrics.model.MetricUnit;
            import software.amazon.lambda.powertools.tracing.CaptureMode;
            import software.amazon.lambda.powertools.tracing.Tracing;
            import software.amazon.lambda.powertools.tracing.TracingUtils;

            public class OrderHandler {
                private static final Logger LOG = LoggerFactory.getLogger(OrderHandler.class);
                private final Metrics metrics = MetricsFactory.getMetricsInstance();

                @Logging(logEvent = true, correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST, flushBufferOnUncaughtError = false)
                @Tracing(captureMode = CaptureMode.DISABLED)
                @FlushMetrics(namespace = "Shop", captureColdStart = true)
                public String handleRequest(Map<String, Object> event, Context context) {
                    StructuredArgument order = StructuredArguments.entry("order_id", event.get("id"));
                    LOG.info("order {}", order);
                    LOG.info("items {}", StructuredArguments.array("items", "tea", "cake"));
                    LOG.info("raw {}", StructuredArguments.json("raw", "{\\"a\\":1}"));
                    TracingUtils.putAnnotation("order", "42");
                    TracingUtils.withSubsegment("save", subsegment -> subsegment.putAnnotation("table", "orders"));
                    metrics.addMetric("Orders", 1, MetricUnit.COUNT);
                    metrics.flushSingleMetric("Refunds", 1, MetricUnit.COUNT, "Shop", DimensionSet.of("Shop", "A"));
                    return PowertoolsLogging.withLogging(context, () -> "ok");
                }
            }
            """;

    static final String LENS_HANDLER = """
            package com.example;

            import com.amazonaws.services.lambda.runtime.Context;
            import dev.lambdalens.compat.logging.PowertoolsLogging;
            import dev.lambdalens.compat.logging.StructuredArguments;
            import dev.lambdalens.compat.tracing.TracingUtils;
            import net.logstash.logback.argument.StructuredArgument;

            import java.util.Map;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;
            import dev.lambdalens.logging.CorrelationIdPaths;
            import dev.lambdalens.logging.Logging;
            import dev.lambdalens.metrics.FlushMetrics;
            import dev.lambdalens.metrics.Metrics;
            import dev.lambdalens.metrics.MetricsFactory;
            import dev.lambdalens.metrics.model.DimensionSet;
            import dev.lambdalens.metrics.model.MetricUnit;
            import dev.lambdalens.tracing.CaptureMode;
            import dev.lambdalens.tracing.Tracing;

            public class OrderHandler {
                private static final Logger LOG = LoggerFactory.getLogger(OrderHandler.class);
                private final Metrics metrics = MetricsFactory.getMetricsInstance();

                @Logging(logEvent = true, correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST)
                @Tracing(captureMode = CaptureMode.DISABLED)
                @FlushMetrics(namespace = "Shop", captureColdStart = true)
                public String handleRequest(Map<String, Object> event, Context context) {
                    StructuredArgument order = StructuredArguments.entry("order_id", event.get("id"));
                    LOG.info("order {}", order);
                    LOG.info("items {}", StructuredArguments.array("items", "tea", "cake"));
                    LOG.info("raw {}", StructuredArguments.json("raw", "{\\"a\\":1}"));
                    TracingUtils.putAnnotation("order", "42");
                    TracingUtils.withSubsegment("save", subsegment -> subsegment.putAnnotation("table", "orders"));
                    metrics.addMetric("Orders", 1, MetricUnit.COUNT);
                    metrics.flushSingleMetric("Refunds", 1, MetricUnit.COUNT, "Shop", DimensionSet.of("Shop", "A"));
                    return PowertoolsLogging.withLogging(context, () -> "ok");
                }
            }
            """;

    @Override
    public void defaults(RecipeSpec spec) {
        spec.recipeFromResources("dev.lambdalens.compat.MigrateFromPowertools")
                .parser(JavaParser.fromJavaVersion()
                        .classpath("aws-lambda-java-core", "slf4j-api")
                        .dependsOn(PowertoolsStubs.SOURCES));
    }

    @Test
    void migratesAHandlerAndTheResultCompilesAgainstLambdaLens(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        AtomicReference<String> migrated = new AtomicReference<>();
        rewriteRun(java(POWERTOOLS_HANDLER, LENS_HANDLER, source -> source.afterRecipe(cu -> migrated.set(cu.printAll()))));
        assertNotNull(migrated.get());
        List<String> errors = compile(dir, "com/example/OrderHandler.java", migrated.get());
        assertEquals(List.of(), errors, "the migrated handler compiles against Lambda Lens");
    }

    @Test
    void migratesLogbackXml() {
        rewriteRun(xml("""
                <configuration>
                    <appender name="JsonAppender" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder class="software.amazon.lambda.powertools.logging.logback.LambdaJsonEncoder"/>
                    </appender>
                    <appender name="BufferedJsonAppender" class="software.amazon.lambda.powertools.logging.logback.BufferingAppender">
                        <maxBytes>20480</maxBytes>
                        <bufferAtVerbosity>DEBUG</bufferAtVerbosity>
                        <flushOnErrorLog>true</flushOnErrorLog>
                        <appender-ref ref="JsonAppender"/>
                    </appender>
                    <root level="DEBUG">
                        <appender-ref ref="BufferedJsonAppender"/>
                    </root>
                </configuration>
                """, """
                <configuration>
                    <appender name="JsonAppender" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder class="dev.lambdalens.logging.LambdaJsonEncoder"/>
                    </appender>
                    <appender name="BufferedJsonAppender" class="dev.lambdalens.compat.logging.BufferingAppender">
                        <maxBytes>20480</maxBytes>
                        <bufferAtVerbosity>DEBUG</bufferAtVerbosity>
                        <flushOnErrorLog>true</flushOnErrorLog>
                        <appender-ref ref="JsonAppender"/>
                    </appender>
                    <root level="DEBUG">
                        <appender-ref ref="BufferedJsonAppender"/>
                    </root>
                </configuration>
                """, source -> source.path("src/main/resources/logback.xml")));
    }

    @Test
    void migratesAspectLibrariesInThePom() {
        rewriteRun(pomXml(pom("software.amazon.lambda", "powertools-logging", "software.amazon.lambda",
                        "powertools-tracing"),
                pom("dev.lambdalens", "lambda-lens-logging", "dev.lambdalens", "lambda-lens-tracing")));
    }

    /**
     * A pom without dependencies (Lambda Lens's are not on Maven Central for the parser to resolve) whose plugin
     * weaves two aspects that move and one (validation) that Lambda Lens has no counterpart for and keeps.
     */
    private static String pom(String group1, String artifact1, String group2, String artifact2) {
        return """
                <project>
                    <modelVersion>4.0.0</modelVersion>
                    <groupId>com.example</groupId>
                    <artifactId>orders</artifactId>
                    <version>1.0</version>
                    <build>
                        <plugins>
                            <plugin>
                                <groupId>dev.aspectj</groupId>
                                <artifactId>aspectj-maven-plugin</artifactId>
                                <version>1.14.1</version>
                                <configuration>
                                    <aspectLibraries>
                                        <aspectLibrary>
                                            <groupId>%s</groupId>
                                            <artifactId>%s</artifactId>
                                        </aspectLibrary>
                                        <aspectLibrary>
                                            <groupId>%s</groupId>
                                            <artifactId>%s</artifactId>
                                        </aspectLibrary>
                                        <aspectLibrary>
                                            <groupId>software.amazon.lambda</groupId>
                                            <artifactId>powertools-validation</artifactId>
                                        </aspectLibrary>
                                    </aspectLibraries>
                                </configuration>
                            </plugin>
                        </plugins>
                    </build>
                </project>
                """.formatted(group1, artifact1, group2, artifact2);
    }

    static List<String> compile(Path dir, String relativePath, String source) throws IOException {
        Path file = dir.resolve("src").resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean ok = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", classpath, "-d", classes.toString(), "--release", "17", "-proc:none"),
                    null, files.getJavaFileObjects(file)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getLineNumber() + ": " + d.getMessage(null)).toList();
            assertTrue(ok || !errors.isEmpty(), "javac failed without an error");
            return errors;
        }
    }
}
