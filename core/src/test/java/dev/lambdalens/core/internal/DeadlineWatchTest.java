package dev.lambdalens.core.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineWatchTest {

    @Test
    void aTaskDueBeforeTheOneTheThreadSleepsForRunsOnTime() throws Exception {
        DeadlineWatch watch = new DeadlineWatch();
        CountDownLatch late = new CountDownLatch(1);
        CountDownLatch early = new CountDownLatch(1);
        watch.schedule(late::countDown, 60_000);
        Thread.sleep(50); // the watch thread now sleeps until the late task
        long start = System.nanoTime();
        watch.schedule(early::countDown, 100);
        assertTrue(early.await(5, TimeUnit.SECONDS), "the early task did not run");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 90, "ran before it was due");
        assertEquals(1, late.getCount(), "the late task ran early");
    }

    @Test
    void cancelledTasksNeverRunAndAFailingTaskDoesNotStopTheWatch() throws Exception {
        DeadlineWatch watch = new DeadlineWatch();
        AtomicInteger cancelledRuns = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            watch.schedule(cancelledRuns::incrementAndGet, 50).cancel();
        }
        watch.schedule(() -> {
            throw new IllegalStateException("a failing task");
        }, 10);
        CountDownLatch after = new CountDownLatch(1);
        watch.schedule(after::countDown, 120);
        assertTrue(after.await(5, TimeUnit.SECONDS), "the watch stopped after a failing task");
        assertEquals(0, cancelledRuns.get());
    }
}
