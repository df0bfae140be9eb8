package dev.lambdalens.logging.internal;

import ch.qos.logback.core.BasicStatusManager;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;
import dev.lambdalens.core.Diagnostics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogbackProblemsTest {

    @Test
    void reportsEarlierAndLaterWarningsAndErrorsOnceAndNothingElse() {
        List<String> reported = new ArrayList<>();
        BasicStatusManager statuses = new BasicStatusManager();
        statuses.add(new InfoStatus("configured", this));
        statuses.add(new WarnStatus("versions differ", this));

        LogbackProblems.install(statuses, new Diagnostics(reported::add));
        statuses.add(new ErrorStatus("appender failed", this, new IllegalStateException("disk")));
        statuses.add(new ErrorStatus("appender failed", this));
        statuses.add(new InfoStatus("later info", this));

        assertEquals(1, statuses.getCopyOfStatusListenerList().size(), "Logback sees a listener: no StatusPrinter");
        assertEquals(2, reported.size(), reported.toString());
        assertTrue(reported.get(0).contains("Logback: versions differ"), reported.get(0));
        assertTrue(reported.get(1).contains("Logback: appender failed") && reported.get(1).contains("disk"),
                reported.get(1));
    }
}
