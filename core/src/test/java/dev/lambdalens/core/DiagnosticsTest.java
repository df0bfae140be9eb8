package dev.lambdalens.core;

import dev.lambdalens.core.internal.JsonText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsTest {

    @Test
    void reportsEachProblemOnceAsOneJsonLine() {
        List<String> lines = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics(lines::add);

        assertTrue(diagnostics.reportOnce("unit:Foo", "unit \"Foo\" is not a CloudWatch unit\nsecond line",
                new IllegalArgumentException("Foo")));
        assertFalse(diagnostics.reportOnce("unit:Foo", "again"));

        assertEquals(1, lines.size());
        assertEquals("{\"level\":\"WARN\",\"logger\":\"dev.lambdalens\",\"message\":\"Lambda Lens: unit \\\"Foo\\\" is not "
                + "a CloudWatch unit\\nsecond line (reported once)\",\"error\":{\"type\":"
                + "\"java.lang.IllegalArgumentException\",\"message\":\"Foo\"}}", lines.get(0));
        assertTrue(diagnostics.wasReported("unit:Foo"));
    }

    @Test
    void aFailingSinkNeverThrows() {
        Diagnostics diagnostics = new Diagnostics(line -> {
            throw new IllegalStateException("stderr closed");
        });
        assertTrue(diagnostics.reportOnce("k", "m"));
    }

    @Test
    void jsonTextEscapesEveryControlCharacter() {
        StringBuilder out = new StringBuilder();
        JsonText.appendQuoted(out, "a\"b\\c\n\r\t\u0000\u001f\u007f\u2028é");
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0000\\u001f\\u007f\\u2028é\"", out.toString());

        StringBuilder nul = new StringBuilder();
        JsonText.appendQuoted(nul, null);
        assertEquals("null", nul.toString());
    }
}
