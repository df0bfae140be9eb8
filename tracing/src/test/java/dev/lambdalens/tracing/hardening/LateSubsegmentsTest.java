package dev.lambdalens.tracing.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdalens.core.InvocationScope;
import dev.lambdalens.tracing.LambdaTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subsegments that end after the document of their parent (or of an ancestor) was sent, on other threads,
 * three levels deep: each arrives, complete, exactly once; those sent on their own carry type, parent_id and
 * trace_id.
 */
class LateSubsegmentsTest {
    private final InProcessTracing tracing = new InProcessTracing();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch releaseB = new CountDownLatch(1);
    private final CountDownLatch releaseC = new CountDownLatch(1);
    private final CountDownLatch cStarted = new CountDownLatch(1);
    private final CompletableFuture<Object> bDone = new CompletableFuture<>();
    private final CompletableFuture<Object> cDone = new CompletableFuture<>();
    private final CompletableFuture<Object> dDone = new CompletableFuture<>();

    @AfterEach
    void close() {
        pool.shutdownNow();
        tracing.close();
    }

    /**
     * The handler runs {@code ## a} on its thread; {@code ## a} starts {@code ## b} on another thread and ends;
     * {@code ## b} starts {@code ## c} on a third thread. The handler returns (and its document is sent) while
     * {@code ## b} and {@code ## c} still run. A direct child {@code ## d} also ends late.
     */
    private void runTree() throws Exception {
        CountDownLatch dStarted = new CountDownLatch(1);
        CountDownLatch releaseD = new CountDownLatch(1);
        tracing.invoke((event, context) -> {
            InvocationScope scope = InvocationScope.current();
            LambdaTracing.withSubsegment("## a", () -> {
                pool.execute(scope.wrap(() -> bDone.complete(LambdaTracing.withSubsegment("## b", () -> {
                    pool.execute(scope.wrap(() -> cDone.complete(LambdaTracing.withSubsegment("## c", () -> {
                        cStarted.countDown();
                        await(releaseC);
                        return "c";
                    }))));
                    await(cStarted);
                    await(releaseB);
                    return "b";
                }))));
                await(cStarted);
                return "a";
            });
            pool.execute(scope.wrap(() -> dDone.complete(LambdaTracing.withSubsegment("## d", () -> {
                dStarted.countDown();
                await(releaseD);
                return "d";
            }))));
            await(dStarted);
            return "ok";
        });
        tracing.daemon.awaitDocuments(1, Duration.ofSeconds(5));
        releaseD.countDown();
    }

    @Test
    void aGrandchildEndingAfterItsParentIsSentOnItsOwn() throws Exception {
        runTree();
        releaseB.countDown();
        finished(bDone);
        releaseC.countDown();
        finished(cDone);
        finished(dDone);
        assertEachCompleteOnce();
    }

    @Test
    void aGrandchildEndingBeforeItsLateParentGoesInsideTheParentsDocument() throws Exception {
        runTree();
        releaseC.countDown();
        finished(cDone);
        finished(dDone);
        releaseB.countDown();
        finished(bDone);
        assertEachCompleteOnce();
    }

    @Test
    void aChildOfAnEmbeddedGrandchildEndingLateIsSent() throws Exception {
        CountDownLatch lateStarted = new CountDownLatch(1);
        CountDownLatch releaseLate = new CountDownLatch(1);
        tracing.invoke((event, context) -> {
            InvocationScope scope = InvocationScope.current();
            return LambdaTracing.withSubsegment("## a", () -> LambdaTracing.withSubsegment("## b", () -> {
                pool.execute(scope.wrap(() -> cDone.complete(LambdaTracing.withSubsegment("## c", () -> {
                    lateStarted.countDown();
                    await(releaseLate);
                    return "c";
                }))));
                await(lateStarted);
                return "b";
            }));
        });
        tracing.daemon.awaitDocuments(1, Duration.ofSeconds(5));
        releaseLate.countDown();
        finished(cDone);
        List<Placed> placed = awaitComplete(List.of("## handleRequest", "## a", "## b", "## c"));
        Placed c = only(placed, "## c");
        assertTrue(c.alone, "## c is sent on its own");
        assertEquals(only(placed, "## b").node.path("id").asText(), c.parentId);
    }

    private void assertEachCompleteOnce() {
        List<Placed> placed = awaitComplete(List.of("## handleRequest", "## a", "## b", "## c", "## d"));
        String handler = only(placed, "## handleRequest").node.path("id").asText();
        assertEquals(handler, only(placed, "## a").parentId);
        assertEquals(handler, only(placed, "## d").parentId);
        assertEquals(only(placed, "## a").node.path("id").asText(), only(placed, "## b").parentId);
        assertEquals(only(placed, "## b").node.path("id").asText(), only(placed, "## c").parentId);
    }

    /** Waits until each name has arrived complete, then checks each arrived complete exactly once. */
    private List<Placed> awaitComplete(List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!allArrived(placedComplete(), names) && System.nanoTime() < deadline) {
            sleep();
        }
        sleep(); // a duplicate would arrive now
        List<Placed> placed = placedComplete();
        tracing.assertAllValid();
        for (String name : names) {
            List<Placed> found = placed(placed, name);
            assertEquals(1, found.size(), () -> name + " complete in " + found.size() + " places; datagrams: "
                    + tracing.daemon.datagrams());
        }
        return placed;
    }

    private static boolean allArrived(List<Placed> placed, List<String> names) {
        return names.stream().allMatch(name -> !placed(placed, name).isEmpty());
    }

    /** Every complete subsegment in every document, with the id of its parent. */
    private List<Placed> placedComplete() {
        List<Placed> placed = new ArrayList<>();
        for (JsonNode document : tracing.daemon.documents()) {
            assertEquals(InProcessTracing.ROOT, document.path("trace_id").asText());
            assertEquals("subsegment", document.path("type").asText());
            collect(document, document.path("parent_id").asText(), true, placed);
        }
        return placed;
    }

    private static void collect(JsonNode node, String parentId, boolean alone, List<Placed> out) {
        if (node.has("end_time")) {
            out.add(new Placed(node.path("name").asText(), node, parentId, alone));
        }
        for (JsonNode child : node.path("subsegments")) {
            collect(child, node.path("id").asText(), false, out);
        }
    }

    private static List<Placed> placed(List<Placed> placed, String name) {
        return placed.stream().filter(p -> p.name.equals(name)).toList();
    }

    private static Placed only(List<Placed> placed, String name) {
        return placed(placed, name).get(0);
    }

    private record Placed(String name, JsonNode node, String parentId, boolean alone) {
    }

    private static void finished(CompletableFuture<Object> task) throws Exception {
        task.get(5, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
