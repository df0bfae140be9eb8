package dev.lambdalens.tracing.handlers;

import dev.lambdalens.tracing.LambdaTracing;
import dev.lambdalens.tracing.Tracing;

/** A woven method with its own metadata namespace, as in Powertools' {@code @Tracing(namespace = ...)}. */
public class NamespacedWork {

    @Tracing(namespace = "pricing")
    public String price(String order) {
        LambdaTracing.putMetadata("order", order);
        return "priced " + order;
    }

    @Tracing
    public String plain(String order) {
        LambdaTracing.putMetadata("order", order);
        return order;
    }
}
