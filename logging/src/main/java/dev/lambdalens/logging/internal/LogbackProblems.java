package dev.lambdalens.logging.internal;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;
import dev.lambdalens.core.Diagnostics;

/**
 * Reports Logback's own warnings and errors (a status of level WARN or ERROR) once each, as Lambda Lens
 * diagnostics on standard error. Installed by {@link DefaultConfigurator}: with a status listener present,
 * Logback skips its {@code StatusPrinter}, whose start-up (a date formatter and the time-zone database) costs a
 * few milliseconds of every cold start, only to print nothing when all went well.
 */
final class LogbackProblems implements StatusListener {
    private final Diagnostics diagnostics;

    private LogbackProblems(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Reports the problems {@code statuses} already holds and listens for later ones. */
    static void install(StatusManager statuses, Diagnostics diagnostics) {
        LogbackProblems problems = new LogbackProblems(diagnostics);
        for (Status status : statuses.getCopyOfStatusList()) {
            problems.addStatusEvent(status);
        }
        statuses.add(problems);
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getLevel() >= Status.WARN) {
            String message = "Logback: ".concat(String.valueOf(status.getMessage()));
            diagnostics.reportOnce("logging:logback:".concat(message), message, status.getThrowable());
        }
    }
}
