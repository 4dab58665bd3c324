package io.tableos.services.sched;

import static io.tableos.services.sched.SchedNode.assertCountsMatch;
import static io.tableos.services.sched.SchedNode.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.services.sched.client.ClaimedTask;
import io.tableos.services.sched.client.Scheduler;
import io.tableos.services.sched.client.Worker;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Worker runtime against a real node: every task runs and is completed exactly once
 * through batched completions, a failing handler's task is retried, and the tasks a dead
 * worker held (claimed, never heartbeated) run again within lease + 1 s. Waits are latches
 * the handlers count down, never sleeps.
 */
class WorkerRuntimeTest {
    private static SchedNode node;
    private static Connection sql;

    @BeforeAll
    static void start() throws Exception {
        node = SchedNode.start();
        sql = node.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sql != null) sql.close();
        if (node != null) node.close();
    }

    @Test
    void everyTaskRunsAndCompletesOnce() throws Exception {
        int tasks = 300;
        ConcurrentHashMap<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(tasks);
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        try (Scheduler s = new Scheduler(node.connect())) {
            s.createQueue("runtime", null, null, 0, null);
            List<String> payloads = new ArrayList<>();
            for (int i = 0; i < tasks; i++) payloads.add("{\"i\":" + i + "}");
            s.submitMany("runtime", payloads, 0);
        }
        Worker.Handler handler = task -> {
            runs.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
            // Every 50th task fails its first attempt: the retry must run it again, once.
            if (task.id() % 50 == 0 && failedOnce.add(task.id())) throw new IllegalStateException("first attempt fails");
            done.countDown();
        };
        try (Worker worker = new Worker(node::connect, "runtime-worker", "runtime", handler, Worker.Options.defaults(4))) {
            worker.start();
            assertTrue(done.await(120, TimeUnit.SECONDS), "all tasks handled");
        }
        assertEquals(tasks, number(sql, "SELECT count(*) FROM sched.tasks WHERE queue = 'runtime' AND state = 'succeeded'"));
        for (var e : runs.entrySet()) {
            assertEquals(failedOnce.contains(e.getKey()) ? 2 : 1, e.getValue().get(), "runs of task " + e.getKey());
        }
        assertCountsMatch(sql, "runtime");
    }

    @Test
    void aDeadWorkersTasksRunAgainWithinLeasePlusOneSecond() throws Exception {
        int tasks = 5;
        List<ClaimedTask> held;
        long claimedAt;
        try (Scheduler s = new Scheduler(node.connect())) {
            for (int i = 0; i < tasks; i++) s.submit("orphans", "{}");
            long dead = s.registerWorker("dies", tasks);
            held = s.claim(dead, "orphans", tasks, 1, 0);
            claimedAt = System.nanoTime();
        }
        assertEquals(tasks, held.size());
        CountDownLatch rerun = new CountDownLatch(tasks);
        long[] lastRunAt = new long[1];
        Worker.Handler handler = task -> {
            assertEquals(2, task.attempt());
            synchronized (lastRunAt) {
                lastRunAt[0] = System.nanoTime();
            }
            rerun.countDown();
        };
        try (Worker worker = new Worker(node::connect, "survivor", "orphans", handler, Worker.Options.defaults(2))) {
            worker.start();
            assertTrue(rerun.await(30, TimeUnit.SECONDS));
        }
        long afterMillis;
        synchronized (lastRunAt) {
            afterMillis = (lastRunAt[0] - claimedAt) / 1_000_000;
        }
        assertTrue(afterMillis < 2_000, "ran again " + afterMillis + " ms after the 1 s lease was taken");
        try (Scheduler s = new Scheduler(node.connect())) {
            for (ClaimedTask t : held) assertTrue(!s.complete(t.id(), t.lease(), null), "the dead worker's lease is refused");
        }
        assertCountsMatch(sql, "orphans");
    }
}
