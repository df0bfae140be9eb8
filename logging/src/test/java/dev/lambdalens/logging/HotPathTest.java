package dev.lambdalens.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.core.LensRuntime;
import dev.lambdalens.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the per-line cost: a line written inside an invocation, with a key, through the real encoder and
 * appender, allocates under 1 KB (measured about 0.4 KB with JDK 17, 0.5 KB before pre-encoded keys and values; 0.9 KB
 * when each line was copied into a byte[] of its own, 2.5 KB before the own timestamp provider and name masking). A regression to per-line
 * copies of the line, map copies or formatter runs fails this test.
 */
class HotPathTest {

    @Test
    void aLineAllocatesLittle() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("hot-path");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        LambdaJsonAppender appender = new LambdaJsonAppender();
        appender.setContext(context);
        long[] written = {0};
        appender.setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        });
        appender.start();
        logger.addAppender(appender);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // The kit's environment in a runtime without its document sink: the cost measured is that of the line
        // written to the appender's stream, as in a function.
        LensRuntime runtime = LensRuntime.builder().configuration(Configuration.of(Kit.lens().environment()))
                .diagnostics(new Diagnostics(line -> { }))
                .systemProperties(key -> null)
                .build();
        TestContext invocation = TestContext.builder().awsRequestId("hot-1").functionName("orders")
                .xrayTraceId(Kit.TRACE_HEADER).build();
        try (InvocationScope.Activation ignored = runtime.enter(invocation)) {
            LambdaLogging.appendKey("orderId", "o-1");
            for (int i = 0; i < 50_000; i++) {
                logger.info("order {} placed", i);
            }
            int lines = 50_000;
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < lines; i++) {
                logger.info("order {} placed", i);
            }
            long perLine = (threads.getThreadAllocatedBytes(thread) - before) / lines;
            assertTrue(perLine < 1024, perLine + " bytes allocated per line");
            assertTrue(written[0] > 0);
        } finally {
            logger.detachAppender(appender);
            appender.stop();
            logger.setAdditive(true);
        }
    }
}
