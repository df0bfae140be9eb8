package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.lambdalens.logging.LambdaJsonAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultConfiguratorTest {

    @Test
    void logbackFindsItAndInstallsTheJsonAppenderWhenThereIsNoLogbackXml() throws Exception {
        LoggerContext context = new LoggerContext();
        new ContextInitializer(context).autoConfig();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertTrue(root.getAppender(DefaultConfigurator.APPENDER_NAME) instanceof LambdaJsonAppender,
                "the default configurator was discovered through META-INF/services");
        context.stop();
    }

    @Test
    void stepsAsideWhenTheApplicationHasALogbackXml(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            LoggerContext context = new LoggerContext();
            DefaultConfigurator configurator = new DefaultConfigurator(loader);
            configurator.setContext(context);
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
            assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(DefaultConfigurator.APPENDER_NAME));
        }
    }

    @Test
    void stepsAsideForALogbackTestXmlToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            LoggerContext context = new LoggerContext();
            DefaultConfigurator configurator = new DefaultConfigurator(loader);
            configurator.setContext(context);
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
        }
    }
}
