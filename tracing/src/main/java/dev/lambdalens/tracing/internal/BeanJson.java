package dev.lambdalens.tracing.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lambdalens.core.internal.JsonText;

/**
 * Writes objects that are not plain JSON shapes (beans, records, events) with Jackson, which the X-Ray SDK
 * brings along. Kept apart from {@link JsonValues} so that Jackson is loaded (about 130 ms in a fresh JVM)
 * only by functions that record such objects.
 */
final class BeanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .findAndRegisterModules();

    private BeanJson() {
    }

    static void write(StringBuilder out, Object value, Problems problems) {
        try {
            out.append(MAPPER.writeValueAsString(value));
        } catch (Exception | StackOverflowError e) {
            problems.report("tracing:metadata:serialize:" + value.getClass().getName(),
                    "could not write a " + value.getClass().getName()
                            + " as JSON metadata; its toString() is recorded instead", e);
            String text;
            try {
                text = String.valueOf(value);
            } catch (RuntimeException e2) {
                text = value.getClass().getName();
            }
            JsonText.appendQuoted(out, text);
        }
    }
}
