package dev.lambdalens.examples.orders;

import dev.lambdalens.testing.Invocation;

import java.io.PrintStream;
import java.util.List;

/** Prints one invocation so a person sees at a glance what was sent, what came back and what was logged. */
final class InvocationReport {
    private final PrintStream out;

    InvocationReport(PrintStream out) {
        this.out = out;
    }

    void print(String title, Invocation invocation) {
        out.println();
        out.println("=== " + title);
        out.println("request id   : " + invocation.requestId());
        out.println("trace header : " + invocation.traceHeader());
        out.println("status       : " + invocation.status() + " in " + invocation.duration().toMillis() + " ms");
        invocation.response().ifPresent(response -> out.println("response     : " + response));
        invocation.error().ifPresent(error -> out.println("error        : " + error.type() + ": " + error.message()));
        printLines("stdout", invocation.stdout().stream().filter(line -> !line.isBlank()).toList());
        printLines("stderr", invocation.stderr().stream().filter(line -> !line.isBlank()).toList());
    }

    private void printLines(String stream, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println("function " + stream + ":");
        lines.forEach(line -> out.println("  | " + line));
    }
}
