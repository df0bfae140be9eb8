package dev.lambdalens.tracing.coldstart;

import dev.lambdalens.testing.Invocation;
import dev.lambdalens.testing.LocalLambdaRuntime;
import dev.lambdalens.testing.LocalXRayDaemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the cold start each tracing variant adds, in fresh JVMs through the real runtime client: for each
 * variant, the time from the first invoke to its response (JVM start, init and first invocation) and the first
 * invocation alone (hand-out to response). Variants run interleaved in a shuffled order each round, so machine
 * noise spreads over all of them. Not a test: run it by hand (see the README section for the command).
 *
 * <p>Arguments: rounds (default 15). {@code -Ddynamodb=false} leaves out the variants calling DynamoDB,
 * {@code -Dbeans=true} adds variants returning a bean, {@code -Donly=none,lens} keeps only the variants named.
 */
public final class ColdStartMeasurement {
    private static final String HANDLER = "dev.lambdalens.tracing.coldstart.ColdStartHandler::handleRequest";

    private ColdStartMeasurement() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<String, Variant> variants = new LinkedHashMap<>();
        if (Boolean.getBoolean("beans")) {
            variants.put("bean, no tracing", new Variant("none-bean", null));
            variants.put("bean, Lens", new Variant("lens-bean", "false"));
        }
        variants.put("no tracing", new Variant("none", null));
        variants.put("X-Ray SDK", new Variant("sdk", null));
        variants.put("SDK, Jackson loaded", new Variant("sdk-jackson-loaded", null));
        variants.put("SDK, primed at init", new Variant("sdk-primed", null));
        variants.put("Lens", new Variant("lens", "false"));
        variants.put("Lens, SDK interop", new Variant("lens", "true"));
        variants.put("Lens, interop, primed", new Variant("lens-primed", "true"));
        if (Boolean.parseBoolean(System.getProperty("dynamodb", "true"))) {
            variants.put("DynamoDB + SDK", new Variant("dynamodb-sdk", null));
            variants.put("DynamoDB + Lens", new Variant("dynamodb-lens", "true"));
        }
        String only = System.getProperty("only");
        if (only != null) {
            List<String> kept = List.of(only.split(","));
            variants.values().removeIf(variant -> !kept.contains(variant.name));
        }
        Map<String, List<Long>> total = new LinkedHashMap<>();
        Map<String, List<Long>> first = new LinkedHashMap<>();
        variants.keySet().forEach(name -> {
            total.put(name, new ArrayList<>());
            first.put(name, new ArrayList<>());
        });
        Random random = new Random(42);
        try (LocalXRayDaemon daemon = LocalXRayDaemon.start()) {
            for (int round = 0; round <= rounds; round++) {
                List<String> order = new ArrayList<>(variants.keySet());
                Collections.shuffle(order, random);
                for (String name : order) {
                    Variant variant = variants.get(name);
                    LocalLambdaRuntime.Builder builder = LocalLambdaRuntime.builder()
                            .handler(HANDLER)
                            .env("VARIANT", variant.name)
                            .xrayDaemonAddress(daemon.address())
                            .timeout(Duration.ofSeconds(30));
                    if (variant.interop != null) {
                        builder.env("LAMBDA_LENS_TRACING_SDK_INTEROP", variant.interop);
                    }
                    measure(name, builder, round > 0 ? total.get(name) : new ArrayList<>(),
                            round > 0 ? first.get(name) : new ArrayList<>());
                }
            }
            int documents = daemon.documents().size();
            System.out.printf("rounds=%d, documents received=%d, java=%s%n", rounds, documents,
                    System.getProperty("java.version"));
        }
        System.out.printf("%-22s %36s %36s%n", "variant", "JVM start->first response", "first invocation (invoke->resp)");
        for (String name : variants.keySet()) {
            System.out.printf("%-22s %36s %36s%n", name, summary(total.get(name)), summary(first.get(name)));
        }
    }

    /**
     * One cold start; retried when the child fails before its first invocation (other builds on the machine
     * sharing the runtime client's native library file can make a start fail), failing after three tries.
     */
    private static void measure(String name, LocalLambdaRuntime.Builder builder, List<Long> total, List<Long> first) {
        for (int attempt = 1; ; attempt++) {
            try (LocalLambdaRuntime runtime = builder.build()) {
                long start = System.nanoTime();
                Invocation invocation = runtime.invoke("{\"a\":1}");
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                if (invocation.succeeded()) {
                    total.add(elapsed);
                    first.add(invocation.duration().toMillis());
                    return;
                }
                System.err.println(name + " attempt " + attempt + " failed: " + invocation + " "
                        + runtime.stderrLines());
                if (attempt == 3) {
                    throw new IllegalStateException(name + " failed three times");
                }
            }
        }
    }

    private static String summary(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        long p25 = sorted.get(sorted.size() / 4);
        long p75 = sorted.get(sorted.size() * 3 / 4);
        return String.format("median %4d ms [p25 %4d, p75 %4d]", median, p25, p75);
    }

    private record Variant(String name, String interop) {
    }
}
