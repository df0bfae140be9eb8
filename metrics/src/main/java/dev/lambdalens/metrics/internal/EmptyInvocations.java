package dev.lambdalens.metrics.internal;

import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.metrics.MetricsSettings;

/**
 * What is said about an invocation that recorded no metric. Powertools throws from the handler with
 * {@code raiseOnEmptyMetrics}; Lambda Lens never fails the handler, so it reports instead, once. Without that
 * option it is only noted when the log level is DEBUG, as Powertools logs it.
 */
final class EmptyInvocations {
    private EmptyInvocations() {
    }

    static void note(Diagnostics diagnostics, MetricsSettings settings, boolean raiseOnEmptyMetrics) {
        if (raiseOnEmptyMetrics) {
            diagnostics.reportOnce("metrics:empty", "an invocation with raiseOnEmptyMetrics recorded no "
                    + "metric; nothing was written (Lambda Lens reports this instead of failing the handler)");
        } else if (settings.debug()) {
            diagnostics.reportOnce("metrics:empty-debug", "an invocation recorded no metric, so nothing was "
                    + "flushed (noted because the log level is DEBUG)");
        }
    }
}
