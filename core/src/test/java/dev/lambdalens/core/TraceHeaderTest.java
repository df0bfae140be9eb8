package dev.lambdalens.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceHeaderTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String PARENT = "53995c3f42cd8ad8";

    @Test
    void parsesAFullHeader() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a87bd80c:1|68fd508a:5");

        assertEquals(ROOT, header.root());
        assertEquals(PARENT, header.parent());
        assertEquals(TraceHeader.Sampling.SAMPLED, header.sampling());
        assertTrue(header.isSampled());
        assertEquals("a87bd80c:1|68fd508a:5", header.lineage());
        assertEquals(Map.of(), header.otherKeys());
    }

    @Test
    void parsesAPartialHeaderWithOnlyRoot() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT);

        assertEquals(ROOT, header.root());
        assertNull(header.parent());
        assertEquals(TraceHeader.Sampling.UNKNOWN, header.sampling());
        assertFalse(header.isSampled());
        assertNull(header.lineage());
    }

    @Test
    void toleratesSpacesCaseAndEmptyFieldsAndKeepsUnknownKeysInOrder() {
        TraceHeader header = TraceHeader.parse(" root = " + ROOT + " ; sampled=0;;Self=1-abc;Zeta=z ");

        assertEquals(ROOT, header.root());
        assertEquals(TraceHeader.Sampling.NOT_SAMPLED, header.sampling());
        assertEquals(Map.of("Self", "1-abc", "Zeta", "z"), header.otherKeys());
        assertEquals("[Self, Zeta]", header.otherKeys().keySet().toString());
    }

    @Test
    void sampledQuestionMarkMeansRequested() {
        assertEquals(TraceHeader.Sampling.REQUESTED, TraceHeader.parse("Root=" + ROOT + ";Sampled=?").sampling());
    }

    @Test
    void writesTheWireFormBackRoundTrip() {
        String wire = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a87bd80c:1;Extra=x";

        assertEquals(wire, TraceHeader.parse(wire).toString());
        assertEquals(TraceHeader.parse(wire), TraceHeader.parse(TraceHeader.parse(wire).toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "Parent=53995c3f42cd8ad8;Sampled=1",
        "Root=1-5759e988-bd862e3fe1be46a99427279",
        "Root=2-5759e988-bd862e3fe1be46a994272793",
        "Root=1-5759E988-bd862e3fe1be46a994272793",
        "Root=1-5759e988bd862e3fe1be46a994272793x",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=zz995c3f42cd8ad8",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=yes",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=",
        "Root=1-5759e988-bd862e3fe1be46a994272793;garbage",
        "=1-5759e988-bd862e3fe1be46a994272793",
    })
    void rejectsMalformedHeadersWithAMessageNamingTheProblem(String header) {
        MalformedTraceHeaderException e = assertThrows(MalformedTraceHeaderException.class, () -> TraceHeader.parse(header));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void messageNamesTheBadPart() {
        MalformedTraceHeaderException e = assertThrows(MalformedTraceHeaderException.class,
                () -> TraceHeader.parse("Root=" + ROOT + ";Sampled=yes"));
        assertTrue(e.getMessage().contains("Sampled 'yes'"), e.getMessage());
    }

    @Test
    void messagesNameTheFieldOrValueAsWritten() {
        assertTrue(assertThrows(MalformedTraceHeaderException.class,
                () -> TraceHeader.parse("Root=" + ROOT + "; garbage ;Sampled=1")).getMessage()
                .contains("'garbage' is not key=value"));
        assertTrue(assertThrows(MalformedTraceHeaderException.class,
                () -> TraceHeader.parse("Root=" + ROOT + ";PARENT= 53995c3f42cd8ad ")).getMessage()
                .contains("Parent '53995c3f42cd8ad' is not 16 hex digits"));
        assertTrue(assertThrows(MalformedTraceHeaderException.class,
                () -> TraceHeader.parse("Root = 1-5759e988-bd862e3fe1be46a99427279")).getMessage()
                .contains("Root '1-5759e988-bd862e3fe1be46a99427279' is not an X-Ray trace id"));
    }

    @Test
    void keepsValuesContainingEqualsSignsAndTrimsKeysOfUnknownFields() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";\tFoo\t = a=b ");
        assertEquals(java.util.Map.of("Foo", "a=b"), header.otherKeys());
    }

    @Test
    void recognisesIds() {
        assertTrue(TraceHeader.isTraceId(ROOT));
        assertFalse(TraceHeader.isTraceId(null));
        assertTrue(TraceHeader.isSegmentId(PARENT));
        assertFalse(TraceHeader.isSegmentId("53995c3f42cd8ad"));
    }
}
