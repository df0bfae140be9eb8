package dev.lambdalens.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.testing.Invocation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints one invocation so that a person reads at a glance what came back, what was logged, what was measured
 * and what was traced, and sees that one trace id joins them: log lines as time, level, logger and message
 * (the event summarized), EMF documents as metric = value unit, X-Ray documents as a subsegment tree.
 */
public final class TelemetryReport {
    /** Keys every line has; printed once per invocation instead of on each line. */
    private static final Set<String> COMMON_KEYS = Set.of("timestamp", "level", "message", "logger", "service",
            "function_name", "function_arn", "function_memory_size", "function_request_id", "xray_trace_id",
            "cold_start", "sampling_rate", "event", "thread", "function_version");
    private static final int EVENT_WIDTH = 150;

    private final PrintStream out;

    public TelemetryReport(PrintStream out) {
        this.out = out;
    }

    public void print(String title, Telemetry telemetry) {
        Invocation invocation = telemetry.invocation();
        String root = invocation.traceRoot().orElse("-");
        out.println();
        out.println("━━ " + title);
        out.println("   status      " + invocation.status() + " in " + invocation.duration().toMillis() + " ms, response "
                + clip(invocation.response().orElse(invocation.error().map(Object::toString).orElse("-")), 110));
        out.println("   request id  " + invocation.requestId());
        out.println("   trace id    " + root);
        printJoin(telemetry, root);
        printLogs(telemetry);
        printMetrics(telemetry);
        printTrace(telemetry);
        telemetry.otherLines().forEach(line -> out.println("   other       " + line));
        invocation.stderr().stream().filter(line -> !line.isBlank())
                .forEach(line -> out.println("   stderr      " + line));
    }

    private void printJoin(Telemetry telemetry, String root) {
        String requestId = telemetry.invocation().requestId();
        long logsJoined = telemetry.logLines().stream().filter(line -> root.equals(line.path("xray_trace_id").asText())
                && requestId.equals(line.path("function_request_id").asText())).count();
        long emfJoined = telemetry.emfDocuments().stream().filter(doc -> root.equals(doc.path("xray_trace_id").asText())
                && requestId.equals(doc.path("function_request_id").asText())).count();
        out.printf("   joined      %d/%d log lines and %d/%d EMF documents carry this trace id and request id;"
                        + " %d X-Ray document%s in this trace%n", logsJoined, telemetry.logLines().size(), emfJoined,
                telemetry.emfDocuments().size(), telemetry.xrayDocuments().size(),
                telemetry.xrayDocuments().size() == 1 ? "" : "s");
    }

    private void printLogs(Telemetry telemetry) {
        out.println("   logs");
        for (JsonNode line : telemetry.logLines()) {
            String time = line.path("timestamp").asText();
            time = time.length() >= 23 ? time.substring(11, 23) : time;
            String logger = line.path("logger").asText();
            logger = logger.substring(logger.lastIndexOf('.') + 1);
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "     %s %-5s %-19s %s", time,
                    line.path("level").asText(), clip(logger, 19), line.path("message").asText()));
            List<String> extras = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : line.properties()) {
                if (!COMMON_KEYS.contains(field.getKey())) {
                    extras.add(field.getKey() + "=" + (field.getValue().isTextual() ? field.getValue().asText()
                            : field.getValue().toString()));
                }
            }
            if (!extras.isEmpty()) {
                text.append("  ").append(clip(String.join(" ", extras), 120));
            }
            out.println(text);
            if (line.has("event")) {
                out.println("         event " + clip(eventSummary(line.path("event")), EVENT_WIDTH));
            }
        }
    }

    /** An API Gateway event as method, path, Authorization and body; any other event as compact JSON. */
    private static String eventSummary(JsonNode event) {
        if (!event.has("httpMethod")) {
            return event.toString();
        }
        return event.path("httpMethod").asText() + " " + event.path("path").asText()
                + "  Authorization=" + event.path("headers").path("Authorization").asText("-")
                + "  body=" + (event.path("body").isNull() ? "-" : event.path("body").asText());
    }

    private void printMetrics(Telemetry telemetry) {
        out.println("   metrics");
        for (JsonNode document : telemetry.emfDocuments()) {
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
            List<String> dimensions = new ArrayList<>();
            for (JsonNode set : directive.path("Dimensions")) {
                dimensions.add(stream(set).map(name -> name + "=" + document.path(name).asText())
                        .collect(Collectors.joining(",")));
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                out.printf(Locale.ROOT, "     %-18s %-14s %-13s %s  [%s]%n", name, value(document.path(name)),
                        metric.path("Unit").asText("None"), directive.path("Namespace").asText(),
                        String.join(" | ", dimensions));
            }
        }
    }

    private static String value(JsonNode value) {
        if (value.isArray()) {
            return stream(value).map(TelemetryReport::number).collect(Collectors.joining(",", "[", "]"));
        }
        return number(value.asText());
    }

    private static String number(String text) {
        try {
            double number = Double.parseDouble(text);
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                    : String.format(Locale.ROOT, "%.2f", number);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private void printTrace(Telemetry telemetry) {
        out.println("   trace");
        List<JsonNode> documents = new ArrayList<>(telemetry.xrayDocuments());
        documents.sort(Comparator.comparingDouble(document -> document.path("start_time").asDouble()));
        Set<String> ids = documents.stream().map(document -> document.path("id").asText()).collect(Collectors.toSet());
        for (JsonNode document : documents) {
            if (!ids.contains(document.path("parent_id").asText())) {
                printSubsegment(document, documents, 0);
            }
        }
    }

    private void printSubsegment(JsonNode document, List<JsonNode> documents, int depth) {
        double millis = (document.path("end_time").asDouble() - document.path("start_time").asDouble()) * 1000;
        String status = document.path("fault").asBoolean() ? "  FAULT" : document.path("error").asBoolean() ? "  ERROR" : "";
        List<String> annotations = new ArrayList<>();
        document.path("annotations").properties().forEach(a -> annotations.add(a.getKey() + "=" + a.getValue().asText()));
        out.printf(Locale.ROOT, "     %s%s%-" + Math.max(1, 28 - 2 * depth) + "s %8.2f ms%s  %s%n", "  ".repeat(depth),
                depth == 0 ? "" : "└ ", document.path("name").asText(), millis, status, String.join(" ", annotations));
        List<JsonNode> children = new ArrayList<>();
        document.path("subsegments").forEach(children::add);
        documents.stream().filter(other -> document.path("id").asText().equals(other.path("parent_id").asText()))
                .forEach(children::add);
        children.sort(Comparator.comparingDouble(child -> child.path("start_time").asDouble()));
        for (JsonNode child : children) {
            printSubsegment(child, documents, depth + 1);
        }
    }

    private static java.util.stream.Stream<String> stream(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asText()));
        return names.stream();
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
