package dev.lambdalens.logging.internal;

import dev.lambdalens.core.spi.ThreadContextCarrier;
import org.slf4j.MDC;

import java.util.Map;

/** Carries the SLF4J MDC with the invocation scope to threads the handler hands work to. */
public final class MdcCarrier implements ThreadContextCarrier {
    public static final MdcCarrier INSTANCE = new MdcCarrier();

    private MdcCarrier() {
    }

    @Override
    public Object capture() {
        Map<String, String> copy = MDC.getCopyOfContextMap();
        return copy == null || copy.isEmpty() ? null : copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Runnable attach(Object captured) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        MDC.setContextMap((Map<String, String>) captured);
        return () -> {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        };
    }
}
