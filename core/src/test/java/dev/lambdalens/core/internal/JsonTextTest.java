package dev.lambdalens.core.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void escapesQuotesBackslashesAndEveryLineBreakingCharAndCopiesTheRest() {
        assertEquals("\"plain text caf\u00e9\"", quoted("plain text caf\u00e9"));
        assertEquals("\"{\\\"body\\\":\\\"a\\\\b\\\"}\"", quoted("{\"body\":\"a\\b\"}"));
        assertEquals("\"a\\nb\\rc\\td\\u0000e\\u001ff\\u007fg\\u2028h\\u2029\"",
                quoted("a\nb\rc\td\u0000e\u001ff\u007fg\u2028h\u2029"));
        assertEquals("\"\\\"\"", quoted("\""));
        assertEquals("\"\"", quoted(""));
        assertEquals("null", quoted(null));
    }

    @Test
    void escapesTheContentOfABuilderToo() {
        StringBuilder out = new StringBuilder("x=");
        JsonText.appendEscaped(out, new StringBuilder("line\nend"));
        assertEquals("x=line\\nend", out.toString());
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.appendQuoted(out, value);
        return out.toString();
    }
}
