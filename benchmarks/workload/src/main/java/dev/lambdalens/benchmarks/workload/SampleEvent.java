package dev.lambdalens.benchmarks.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API Gateway (REST, proxy integration) event every variant is invoked with: about 2 KB of JSON. */
public final class SampleEvent {
    private static final String RESOURCE = "api-gateway-event.json";

    private SampleEvent() {
    }

    /** The event as the Lambda service sends it. */
    public static String json() {
        try (InputStream in = SampleEvent.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
