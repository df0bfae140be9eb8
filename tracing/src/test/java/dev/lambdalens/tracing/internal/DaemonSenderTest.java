package dev.lambdalens.tracing.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DaemonSenderTest {

    @Test
    void readsEveryFormOfTheDaemonAddress() {
        assertEquals("127.0.0.1:2000", DaemonSender.udpAddress("127.0.0.1:2000"));
        assertEquals("169.254.79.129:2000", DaemonSender.udpAddress(" 169.254.79.129:2000 "));
        assertEquals("10.0.0.2:2001", DaemonSender.udpAddress("tcp:10.0.0.1:2000 udp:10.0.0.2:2001"));
        assertEquals("10.0.0.2:2001", DaemonSender.udpAddress("udp:10.0.0.2:2001 tcp:10.0.0.1:2000"));
        assertNull(DaemonSender.udpAddress("tcp:10.0.0.1:2000 other"));
        assertNull(DaemonSender.udpAddress(""));
        assertNull(DaemonSender.udpAddress(null));
    }

    @Test
    void theDatagramIsTheHeaderLineThenTheDocument() {
        assertEquals("{\"format\": \"json\", \"version\": 1}\n{\"a\":1}",
                new String(DaemonSender.datagram("{\"a\":1}"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
