package dev.lambdalens.tracing.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {
    private static final String TRACE = "1-67890abc-000000000000000000000001";

    @Test
    void theSameRandomBitsGiveDifferentIdsUnderDifferentParents() {
        // What two environments restored from one SnapStart snapshot do: continue the same random sequence.
        long sameRandom = 0x1234_5678_9abc_def0L;

        String first = Ids.mix(sameRandom, TRACE, "53995c3f42cd8ad8");
        String second = Ids.mix(sameRandom, TRACE, "0000000000000001");
        String otherTrace = Ids.mix(sameRandom, "1-67890abc-000000000000000000000002", "53995c3f42cd8ad8");

        assertNotEquals(first, second);
        assertNotEquals(first, otherTrace);
        assertEquals(first, Ids.mix(sameRandom, TRACE, "53995c3f42cd8ad8"));
    }

    @Test
    void idsAreSixteenLowerCaseHexDigits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = Ids.newId(TRACE, "53995c3f42cd8ad8");
            assertTrue(id.matches("[0-9a-f]{16}"), id);
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }
}
