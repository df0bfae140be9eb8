package dev.lambdalens.compat.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.ObservedHandler;
import dev.lambdalens.testing.TestLens;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Powertools' structured-argument helpers written by Lambda Lens's encoder into real JSON lines. */
class StructuredArgumentsTest {
    private final TestLens lens = TestLens.create();
    private final Logback logback = new Logback(Logback.config(""));
    private final Logger log = logback.logger("com.example");

    private JsonNode onlyLine(Runnable body) {
        ObservedHandler.<String, String>wrap((event, context) -> {
                    body.run();
                    return "ok";
                })
                .runtime(lens.runtime()).build()
                .handleRequest("event", lens.context().build());
        List<JsonNode> lines = logback.lines();
        assertEquals(1, lines.size(), lines::toString);
        return lines.get(0);
    }

    @Test
    void entryIsAKeyOfTheLineAndKeyEqualsValueInTheMessage() {
        JsonNode line = onlyLine(() -> log.info("order {}", StructuredArguments.entry("order_id", 42)));
        assertEquals(42, line.path("order_id").asInt(), line::toString);
        assertEquals("order order_id=42", line.path("message").asText());
    }

    @Test
    void entriesAndArray() {
        JsonNode line = onlyLine(() -> log.info("x {} {}", StructuredArguments.entries(Map.of("a", "b")),
                StructuredArguments.array("items", "tea", 2)));
        assertEquals("b", line.path("a").asText(), line::toString);
        assertEquals("tea", line.path("items").get(0).asText(), line::toString);
        assertEquals(2, line.path("items").get(1).asInt(), line::toString);
    }

    @Test
    void jsonIsWrittenUnquoted() {
        JsonNode line = onlyLine(() -> log.info("raw {}", StructuredArguments.json("order", "{\"id\":7,\"tags\":[1]}")));
        assertEquals(7, line.path("order").path("id").asInt(), line::toString);
        assertEquals("raw order={\"id\":7,\"tags\":[1]}", line.path("message").asText());
    }

    @Test
    void textThatIsNotOneJsonValueIsWrittenAsAStringAndTheLineStaysValid() {
        for (String bad : new String[] {"{\"open\":", "1 2", "", "not json", "{}}"}) {
            JsonNode line = onlyLine(() -> log.info("raw {}", StructuredArguments.json("k", bad)));
            assertEquals(bad, line.path("k").asText(), line::toString);
            assertTrue(line.path("k").isTextual(), line::toString);
            logback.reset();
        }
    }

    @Test
    void aNullJsonIsAStringNullNotABrokenLine() {
        JsonNode line = onlyLine(() -> log.info("raw {}", StructuredArguments.json("k", null)));
        assertTrue(line.has("k") && line.path("k").isNull(), line::toString);
    }

    @Test
    void aReservedKeyDoesNotOverwriteLambdaLensKeys() {
        JsonNode line = onlyLine(() -> log.info("m {}", StructuredArguments.entry("level", "fake")));
        assertEquals("INFO", line.path("level").asText());
        assertEquals("fake", line.path("extra_level").asText(), line::toString);
    }
}
