package dev.lambdalens.benchmarks.powertools;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;

import java.util.function.Supplier;

/**
 * What powertools-tracing's {@code @Tracing} does by default, written with the X-Ray SDK directly because
 * powertools-tracing 2.x is not on Maven Central here: a {@code ## handleRequest} subsegment annotated with
 * {@code ColdStart} and {@code Service}, the response added as metadata (its default capture mode), and a
 * {@code ## name} subsegment for a traced method.
 */
final class XRayTracing {
    private static final String SERVICE = System.getenv().getOrDefault("POWERTOOLS_SERVICE_NAME", "service_undefined");
    private static boolean coldStart = true;

    private XRayTracing() {
    }

    static <T> T handler(Supplier<T> body) {
        Subsegment subsegment = AWSXRay.beginSubsegment("## handleRequest");
        try {
            subsegment.putAnnotation("ColdStart", coldStart);
            subsegment.putAnnotation("Service", SERVICE);
            coldStart = false;
            T response = body.get();
            subsegment.putMetadata(SERVICE, "handleRequest response", response);
            return response;
        } catch (RuntimeException e) {
            subsegment.addException(e);
            throw e;
        } finally {
            AWSXRay.endSubsegment();
        }
    }

    static <T> T method(String name, Supplier<T> body) {
        AWSXRay.beginSubsegment("## " + name);
        try {
            return body.get();
        } finally {
            AWSXRay.endSubsegment();
        }
    }
}
