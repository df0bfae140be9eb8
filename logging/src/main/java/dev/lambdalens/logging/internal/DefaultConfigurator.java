package dev.lambdalens.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.logging.LambdaJsonAppender;
import dev.lambdalens.logging.LambdaJsonEncoder;

/**
 * Logback's configuration when the function has none: JSON lines on standard output, level from
 * {@code POWERTOOLS_LOG_LEVEL}, set up in code (no XML parsing at cold start). Found by Logback through
 * {@code META-INF/services}. When the application has a {@code logback-test.xml} or {@code logback.xml}, or
 * names one with {@code -Dlogback.configurationFile}, it steps aside so that the user's file wins.
 *
 * <p>It has Logback's default rank ({@code ConfiguratorRank.CUSTOM_LOW_PRIORITY}, 20) by carrying no
 * {@code @ConfiguratorRank}: reading that annotation makes the JVM generate an annotation proxy class, several
 * milliseconds of every cold start, for the value Logback assumes anyway. Logback's own warnings and errors
 * are reported by {@link LogbackProblems} instead of its {@code StatusPrinter}, for the same reason.
 */
public final class DefaultConfigurator extends ContextAwareBase implements Configurator {
    public static final String APPENDER_NAME = "LAMBDA_LENS_JSON";

    private final ClassLoader classLoader;

    public DefaultConfigurator() {
        this(DefaultConfigurator.class.getClassLoader());
    }

    /** For tests: looks for the user's configuration files with {@code classLoader}. */
    public DefaultConfigurator(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigurationPresent()) {
            addInfo("Lambda Lens: the application has its own Logback configuration; using it");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        LambdaJsonAppender appender = new LambdaJsonAppender();
        appender.setName(APPENDER_NAME);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        LensRuntime runtime = LensRuntime.global();
        LogLevels.apply(context, runtime.configuration(), runtime.diagnostics());
        LogbackProblems.install(context.getStatusManager(), runtime.diagnostics());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean userConfigurationPresent() {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return true;
        }
        return resource(ContextInitializer.TEST_AUTOCONFIG_FILE) || resource(ContextInitializer.AUTOCONFIG_FILE);
    }

    private boolean resource(String name) {
        ClassLoader loader = classLoader != null ? classLoader : ClassLoader.getSystemClassLoader();
        return loader.getResource(name) != null;
    }
}
