package dev.lambdalens.tracing.internal;

import dev.lambdalens.core.Configuration;
import dev.lambdalens.core.Diagnostics;
import dev.lambdalens.tracing.TracingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonSenderTest {

    private static String address(String setting, List<String> reports) {
        Map<String, String> values = new HashMap<>();
        if (setting != null) {
            values.put(TracingSettings.DAEMON_ADDRESS, setting);
        }
        return TracingSettings.from(Configuration.of(values), new Diagnostics(reports::add)).daemonAddress();
    }

    @Test
    void readsEveryFormOfTheDaemonAddress() {
        List<String> reports = new ArrayList<>();
        assertEquals("127.0.0.1:2000", address("127.0.0.1:2000", reports));
        assertEquals("169.254.79.129:2000", address(" 169.254.79.129:2000 ", reports));
        assertEquals("10.0.0.2:2001", address("tcp:10.0.0.1:2000 udp:10.0.0.2:2001", reports));
        assertEquals("10.0.0.2:2001", address("udp:10.0.0.2:2001 tcp:10.0.0.1:2000", reports));
        assertEquals(TracingSettings.DEFAULT_DAEMON_ADDRESS, address("", reports));
        assertEquals(TracingSettings.DEFAULT_DAEMON_ADDRESS, address(null, reports));
        assertTrue(reports.isEmpty(), reports::toString);
        assertEquals(TracingSettings.DEFAULT_DAEMON_ADDRESS, address("tcp:10.0.0.1:2000 other", reports));
        assertEquals(TracingSettings.DEFAULT_DAEMON_ADDRESS, address("garbage", reports));
        assertEquals(2, reports.size(), reports::toString);
        assertTrue(reports.get(0).contains("AWS_XRAY_DAEMON_ADDRESS=tcp:10.0.0.1:2000 other names no UDP address"),
                reports::toString);
    }

    @Test
    void theDatagramIsTheHeaderLineThenTheDocument() {
        assertEquals("{\"format\": \"json\", \"version\": 1}\n{\"a\":1}",
                new String(DaemonSender.datagram("{\"a\":1}"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
