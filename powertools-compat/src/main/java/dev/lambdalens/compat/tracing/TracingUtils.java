package dev.lambdalens.compat.tracing;

import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.TracedSubsegment;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Powertools v2's {@code software.amazon.lambda.powertools.tracing.TracingUtils}, with its names and its
 * behaviour, over {@link LambdaTracing}: a subsegment opened here is named {@code "## " + name}, as Powertools
 * names it; metadata added with {@link #putMetadata(String, Object)} inside
 * {@link #withSubsegment(String, String, Consumer)} goes to that subsegment's namespace, else to the service
 * name's, and the block's {@code subsegment.putMetadata(key, value)} to {@code default}, as the X-Ray SDK's.
 *
 * <p>The subsegment handed to the block is Lambda Lens's {@link TracedSubsegment}, not the X-Ray SDK's
 * {@code Subsegment}: a lambda that only adds annotations and metadata compiles unchanged. Nothing here throws
 * into the function; outside a traced invocation the block runs and nothing is recorded.
 */
public final class TracingUtils {
    /** The subsegment opened by a namespaced block on this thread, so that putMetadata(key, value) finds it. */
    private static final ThreadLocal<Namespaced> NAMESPACED = new ThreadLocal<>();

    private TracingUtils() {
    }

    /** Powertools' SnapStart priming hook: primes Lambda Lens's tracing ({@link LambdaTracing#prime()}). */
    public static void init() {
        LambdaTracing.prime();
    }

    /** Adds a string annotation to the current subsegment. */
    public static void putAnnotation(String key, String value) {
        LambdaTracing.putAnnotation(key, value);
    }

    /** Adds a numeric annotation to the current subsegment. */
    public static void putAnnotation(String key, Number value) {
        LambdaTracing.putAnnotation(key, value);
    }

    /** Adds a boolean annotation to the current subsegment; a null value is not recorded. */
    public static void putAnnotation(String key, Boolean value) {
        if (value != null) {
            LambdaTracing.putAnnotation(key, value.booleanValue());
        }
    }

    /**
     * Adds metadata to the current subsegment under its namespace: the one given to
     * {@link #withSubsegment(String, String, Consumer)} when that block's subsegment is current, else the
     * service name.
     */
    public static void putMetadata(String key, Object value) {
        Namespaced namespaced = NAMESPACED.get();
        if (namespaced != null) {
            TracedSubsegment current = LambdaTracing.current();
            String id = current.id();
            if (id != null && id.equals(namespaced.subsegmentId)) {
                current.putMetadata(namespaced.namespace, key, value);
                return;
            }
        }
        LambdaTracing.putMetadata(key, value);
    }

    /** Adds metadata to the current subsegment under {@code namespace}. */
    public static void putMetadata(String namespace, String key, Object value) {
        LambdaTracing.putMetadata(namespace, key, value);
    }

    /**
     * Runs {@code block} in a subsegment named {@code "## " + name}; {@link #putMetadata(String, Object)} in it
     * writes to the service name, the block's {@code subsegment.putMetadata(key, value)} to {@code default}, as
     * the X-Ray SDK subsegment that Powertools hands the block does.
     */
    public static void withSubsegment(String name, Consumer<TracedSubsegment> block) {
        Objects.requireNonNull(block, "block");
        LambdaTracing.withSubsegment("## " + name, subsegment -> {
            block.accept(new XRaySdkSubsegment(subsegment));
            return null;
        });
    }

    /**
     * Runs {@code block} in a subsegment named {@code "## " + name} whose metadata from
     * {@link #putMetadata(String, Object)} goes to {@code namespace}; the block's
     * {@code subsegment.putMetadata(key, value)} writes to {@code default}, as the X-Ray SDK subsegment that
     * Powertools hands the block does.
     */
    public static void withSubsegment(String namespace, String name, Consumer<TracedSubsegment> block) {
        Objects.requireNonNull(block, "block");
        if (namespace == null) {
            withSubsegment(name, block);
            return;
        }
        LambdaTracing.withSubsegment("## " + name, subsegment -> {
            Namespaced previous = NAMESPACED.get();
            NAMESPACED.set(new Namespaced(subsegment.id(), namespace));
            try {
                block.accept(new XRaySdkSubsegment(subsegment));
            } finally {
                if (previous == null) {
                    NAMESPACED.remove();
                } else {
                    NAMESPACED.set(previous);
                }
            }
            return null;
        });
    }

    private static final class Namespaced {
        final String subsegmentId;
        final String namespace;

        Namespaced(String subsegmentId, String namespace) {
            this.subsegmentId = subsegmentId;
            this.namespace = namespace;
        }
    }
}
