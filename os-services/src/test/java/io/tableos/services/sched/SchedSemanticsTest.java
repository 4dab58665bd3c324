package io.tableos.services.sched;

import static io.tableos.services.sched.SchedNode.assertCountsMatch;
import static io.tableos.services.sched.SchedNode.number;
import static io.tableos.services.sched.SchedNode.rows;
import static io.tableos.services.sched.SchedNode.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.services.sched.client.ClaimedTask;
import io.tableos.services.sched.client.Scheduler;
import io.tableos.services.sched.client.Scheduler.SubmitOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's semantics (issue 13) against one real node in its own JVM, through pgJDBC:
 * the typed client for calls and plain SQL for the contract's names, defaults and views. Every
 * test uses a queue of its own, and ends by checking sched.queues' counts against the tasks.
 * Time-based semantics (lease expiry, delays, backoff) are awaited with long-polling claims,
 * which is the feature itself, never with sleeps.
 */
class SchedSemanticsTest {
    private static SchedNode node;
    private static Connection sql;
    private static Scheduler sched;
    private static long worker;

    @BeforeAll
    static void start() throws Exception {
        node = SchedNode.start();
        sql = node.connect();
        sched = new Scheduler(node.connect());
        worker = sched.registerWorker("test-worker", 8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sched != null) sched.close();
        if (sql != null) sql.close();
        if (node != null) node.close();
    }

    private static List<Long> ids(List<ClaimedTask> tasks) {
        List<Long> out = new ArrayList<>();
        for (ClaimedTask t : tasks) out.add(t.id());
        return out;
    }

    @Test
    void claimsByPriorityThenSubmissionOrder() throws Exception {
        long low1 = sched.submit("prio", "{\"n\":1}");
        long high = sched.submit("prio", "{\"n\":2}", SubmitOptions.DEFAULTS.withPriority(5));
        long low2 = sched.submit("prio", "{\"n\":3}");
        long[] many = sched.submitMany("prio", List.of("{\"m\":1}", "{\"m\":2}"), 5);
        List<ClaimedTask> claimed = sched.claim(worker, "prio", 10, 30, 0);
        assertEquals(List.of(high, many[0], many[1], low1, low2), ids(claimed));
        assertEquals("{\"n\": 2}", claimed.get(0).payload());
        assertEquals(1, claimed.get(0).attempt());
        assertTrue(claimed.get(1).lease() != claimed.get(0).lease(), "each claim has its own lease");
        assertEquals(5, number(sql, "SELECT running FROM sched.queues WHERE name = 'prio'"));
        assertCountsMatch(sql, "prio");
    }

    @Test
    void contractNamesDefaultsAndNamedArguments() throws Exception {
        long id = number(sql, "SELECT sched.submit('named', '{}', dedup_key => 'd1', priority => 3)");
        assertEquals(id, number(sql, "SELECT sched.submit(queue => 'named', payload => '{\"other\":1}', dedup_key => 'd1')"));
        Object[] row = rows(sql, "SELECT * FROM sched.claim(" + worker + ", 'named', 1)").get(0);
        assertEquals(id, ((Number) row[0]).longValue());
        assertEquals(List.of("task_id", "payload", "attempt", "lease"), List.of(
                columnName("SELECT * FROM sched.claim(" + worker + ", 'named', 1)", 1),
                columnName("SELECT * FROM sched.claim(" + worker + ", 'named', 1)", 2),
                columnName("SELECT * FROM sched.claim(" + worker + ", 'named', 1)", 3),
                columnName("SELECT * FROM sched.claim(" + worker + ", 'named', 1)", 4)));
        assertEquals(3, number(sql, "SELECT priority FROM sched.tasks WHERE id = " + id));
        assertEquals(3, number(sql, "SELECT max_attempts FROM sched.tasks WHERE id = " + id));
        SQLException missing = assertThrows(SQLException.class, () -> rows(sql, "SELECT sched.submit('named')"));
        assertEquals("42883", missing.getSQLState());
        SQLException unknown = assertThrows(SQLException.class, () -> rows(sql, "SELECT sched.submit('named', '{}', colour => 1)"));
        assertEquals("42883", unknown.getSQLState());
        assertTrue((Boolean) value(sql, "SELECT sched.complete(" + id + ", " + row[3] + ")"));
        assertCountsMatch(sql, "named");
    }

    private String columnName(String query, int column) throws SQLException {
        try (var s = sql.createStatement(); var r = s.executeQuery(query)) {
            return r.getMetaData().getColumnName(column);
        }
    }

    @Test
    void completionNeedsTheCurrentLeaseAndHappensOnce() throws Exception {
        long id = sched.submit("fence", "{}");
        ClaimedTask t = sched.claim(worker, "fence", 1, 30, 0).get(0);
        assertFalse(sched.complete(id, t.lease() + 1, null), "a foreign lease is refused");
        assertTrue(sched.complete(id, t.lease(), "{\"ok\":true}"));
        assertFalse(sched.complete(id, t.lease(), null), "a second completion is refused");
        assertNull(sched.fail(id, t.lease(), "late"), "a failure after completion is refused");
        assertEquals(List.of("succeeded", "{\"ok\": true}"), List.of(rows(sql, "SELECT state, result::text FROM sched.tasks WHERE id = " + id).get(0)));
        assertCountsMatch(sql, "fence");
    }

    @Test
    void completeManyAcceptsEachTaskOnceWithItsCurrentLeaseAndReleasesDependents() throws Exception {
        long[] ids = sched.submitMany("fence-many", List.of("{}", "{}", "{}"), 0);
        long dependent = sched.submit("fence-many", "{}", SubmitOptions.DEFAULTS.withDependsOn(ids[0], ids[1]));
        List<ClaimedTask> t = sched.claim(worker, "fence-many", 3, 30, 0);
        assertEquals(List.of(ids[0], ids[1], ids[2]), ids(t));
        // ids[0] twice (counted once), ids[1] with its lease, ids[2] with ids[1]'s lease (refused), an unknown task.
        long[] taskIds = {ids[0], ids[0], ids[1], ids[2], ids[2] + 1_000_000};
        long[] leases = {t.get(0).lease(), t.get(0).lease(), t.get(1).lease(), t.get(1).lease(), t.get(2).lease()};
        assertEquals(2, sched.completeMany(taskIds, leases));
        assertEquals(0, sched.completeMany(new long[] {ids[0]}, new long[] {t.get(0).lease()}), "a second completion is refused");
        assertEquals(List.of("succeeded", "succeeded", "running"), List.of(value(sql, "SELECT state FROM sched.tasks WHERE id = " + ids[0]),
                value(sql, "SELECT state FROM sched.tasks WHERE id = " + ids[1]), value(sql, "SELECT state FROM sched.tasks WHERE id = " + ids[2])));
        assertEquals(List.of(dependent), ids(sched.claim(worker, "fence-many", 5, 30, 0)), "both dependencies succeeded");
        assertEquals(1, sched.completeMany(new long[] {ids[2]}, new long[] {t.get(2).lease()}));
        assertCountsMatch(sql, "fence-many");
    }

    @Test
    void anExpiredLeaseIsRefusedAndTheTaskRunsAgain() throws Exception {
        long id = sched.submit("expiry", "{}");
        long deadWorker = sched.registerWorker("dead", 1);
        ClaimedTask first = sched.claim(deadWorker, "expiry", 1, 1, 0).get(0);
        long started = System.nanoTime();
        // The dead worker never heartbeats: a long-polling claim gets the task once the 1 s lease expires.
        ClaimedTask second = sched.claim(worker, "expiry", 1, 30, 10_000).get(0);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(id, second.id());
        assertEquals(2, second.attempt());
        assertTrue(waitedMillis < 2_000, "ran again within lease + 1 s, waited " + waitedMillis + " ms");
        assertFalse(sched.complete(id, first.lease(), null), "the expired lease is refused");
        assertTrue(sched.complete(id, second.lease(), null));
        assertTrue(((String) value(sql, "SELECT error FROM sched.tasks WHERE id = " + id)).contains("expired"));
        assertEquals(0, number(sql, "SELECT running FROM sched.workers WHERE id = " + deadWorker));
        assertCountsMatch(sql, "expiry");
    }

    @Test
    void aLeaseThatExpiredIsRefusedEvenBeforeTheTaskIsTakenBack() throws Exception {
        long id = sched.submit("late", "{}");
        ClaimedTask t = sched.claim(worker, "late", 1, 1, 0).get(0);
        // Let the 1 s lease run out with no claim or heartbeat in between (nothing takes the task back).
        rows(sql, "SELECT pg_sleep(1.2)");
        assertFalse(sched.complete(id, t.lease(), null), "the lease expired");
        assertNull(sched.fail(id, t.lease(), "late"));
        assertEquals("running", value(sql, "SELECT state FROM sched.tasks WHERE id = " + id), "refused by the expiry check alone");
    }

    @Test
    void heartbeatsExtendLeases() throws Exception {
        long id = sched.submit("heartbeat", "{}");
        ClaimedTask t = sched.claim(worker, "heartbeat", 1, 60, 0).get(0);
        Object before = value(sql, "SELECT lease_expires_at FROM sched.tasks WHERE id = " + id);
        assertTrue(sched.heartbeat(worker));
        Object after = value(sql, "SELECT lease_expires_at FROM sched.tasks WHERE id = " + id);
        assertTrue(((java.sql.Timestamp) after).after((java.sql.Timestamp) before), before + " -> " + after);
        assertFalse(sched.heartbeat(-1), "unknown worker");
        assertTrue(sched.complete(id, t.lease(), null));
    }

    @Test
    void failuresRetryWithExponentialBackoffUntilAttemptsAreSpent() throws Exception {
        sched.createQueue("retry", null, null, 100, null);
        long id = sched.submit("retry", "{}", SubmitOptions.DEFAULTS.withMaxAttempts(3));
        ClaimedTask a1 = sched.claim(worker, "retry", 1, 30, 0).get(0);
        assertEquals("waiting", sched.fail(id, a1.lease(), "first"));
        assertTrue(sched.claim(worker, "retry", 1, 30, 0).isEmpty(), "backing off");
        ClaimedTask a2 = sched.claim(worker, "retry", 1, 30, 10_000).get(0);
        Instant firstFailed = ((java.sql.Timestamp) value(sql, "SELECT started_at FROM sched.tasks WHERE id = " + id)).toInstant();
        assertEquals(2, a2.attempt());
        assertEquals("waiting", sched.fail(id, a2.lease(), "second"));
        ClaimedTask a3 = sched.claim(worker, "retry", 1, 30, 10_000).get(0);
        Instant thirdStarted = ((java.sql.Timestamp) value(sql, "SELECT started_at FROM sched.tasks WHERE id = " + id)).toInstant();
        assertTrue(java.time.Duration.between(firstFailed, thirdStarted).toMillis() >= 200, "second backoff is 2 x 100 ms");
        assertEquals(3, a3.attempt());
        assertEquals("failed", sched.fail(id, a3.lease(), "third"));
        assertEquals("third", value(sql, "SELECT error FROM sched.tasks WHERE id = " + id));
        assertCountsMatch(sql, "retry");
    }

    @Test
    void delayedTasksRunAtTheirTime() throws Exception {
        Instant runAt = Instant.now().plusMillis(400);
        long id = sched.submit("delayed", "{}", SubmitOptions.DEFAULTS.withRunAt(runAt));
        assertEquals("waiting", value(sql, "SELECT state FROM sched.tasks WHERE id = " + id));
        assertTrue(sched.claim(worker, "delayed", 1, 30, 0).isEmpty());
        ClaimedTask t = sched.claim(worker, "delayed", 1, 30, 10_000).get(0);
        assertEquals(id, t.id());
        assertFalse(Instant.now().isBefore(runAt), "claimed at or after run_at");
        assertCountsMatch(sql, "delayed");
    }

    @Test
    void cancelStopsQueuedAndRunningTasks() throws Exception {
        long queued = sched.submit("cancel", "{}", SubmitOptions.DEFAULTS.withPriority(-1));
        long running = sched.submit("cancel", "{}");
        ClaimedTask t = sched.claim(worker, "cancel", 1, 30, 0).get(0);
        assertEquals(running, t.id());
        assertTrue(sched.cancel(queued));
        assertTrue(sched.cancel(running));
        assertFalse(sched.cancel(running), "already cancelled");
        assertFalse(sched.complete(running, t.lease(), null), "the cancelled task's lease is dead");
        assertTrue(sched.claim(worker, "cancel", 5, 30, 0).isEmpty());
        assertCountsMatch(sql, "cancel");
    }

    @Test
    void concurrencyCapsRunningTasks() throws Exception {
        sched.createQueue("limited", 2, null, 1000, null);
        for (int i = 0; i < 5; i++) sched.submit("limited", "{}");
        List<ClaimedTask> first = sched.claim(worker, "limited", 5, 30, 0);
        assertEquals(2, first.size());
        assertTrue(sched.claim(worker, "limited", 5, 30, 0).isEmpty());
        assertTrue(sched.complete(first.get(0).id(), first.get(0).lease(), null));
        assertEquals(1, sched.claim(worker, "limited", 5, 30, 0).size());
        assertCountsMatch(sql, "limited");
    }

    @Test
    void rateLimitsClaims() throws Exception {
        sched.createQueue("rated", null, 2.0, 1000, null);
        for (int i = 0; i < 6; i++) sched.submit("rated", "{}");
        assertEquals(2, sched.claim(worker, "rated", 6, 30, 0).size(), "the bucket holds one second's worth");
        assertTrue(sched.claim(worker, "rated", 6, 30, 0).size() <= 1);
        long started = System.nanoTime();
        List<ClaimedTask> later = sched.claim(worker, "rated", 1, 30, 5_000);
        assertEquals(1, later.size(), "a long-polling claim waits for the next token");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000);
    }

    @Test
    void dependenciesWaitAndFailTogether() throws Exception {
        long a = sched.submit("deps", "{\"step\":\"a\"}");
        long b = sched.submit("deps", "{\"step\":\"b\"}", SubmitOptions.DEFAULTS.withDependsOn(a).withPriority(9));
        List<ClaimedTask> first = sched.claim(worker, "deps", 5, 30, 0);
        assertEquals(List.of(a), ids(first), "b waits for a");
        assertTrue(sched.complete(a, first.get(0).lease(), null));
        assertEquals(List.of(b), ids(sched.claim(worker, "deps", 5, 30, 0)));

        long c = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withMaxAttempts(1));
        long d = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withDependsOn(c));
        long e = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withDependsOn(d));
        ClaimedTask ct = sched.claim(worker, "deps", 1, 30, 0).get(0);
        assertEquals(c, ct.id());
        assertEquals("failed", sched.fail(c, ct.lease(), "broken"));
        assertEquals("failed", value(sql, "SELECT state FROM sched.tasks WHERE id = " + d));
        assertEquals("failed", value(sql, "SELECT state FROM sched.tasks WHERE id = " + e));
        long late = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withDependsOn(c));
        assertEquals("failed", value(sql, "SELECT state FROM sched.tasks WHERE id = " + late));

        long f = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withPriority(-5));
        long g = sched.submit("deps", "{}", SubmitOptions.DEFAULTS.withDependsOn(f));
        assertTrue(sched.cancel(f));
        assertEquals("cancelled", value(sql, "SELECT state FROM sched.tasks WHERE id = " + g));
        assertCountsMatch(sql, "deps");
    }

    @Test
    void tenantsShareAQueueFairly() throws Exception {
        for (int i = 0; i < 50; i++) sched.submit("tenants", "{}", SubmitOptions.DEFAULTS.withTenant("flood").withPriority(9));
        for (int i = 0; i < 3; i++) sched.submit("tenants", "{}", SubmitOptions.DEFAULTS.withTenant("small"));
        List<ClaimedTask> claimed = sched.claim(worker, "tenants", 4, 30, 0);
        long small = number(sql, "SELECT count(*) FROM sched.tasks WHERE queue = 'tenants' AND tenant = 'small' AND state = 'running'");
        assertEquals(4, claimed.size());
        assertEquals(2, small, "the small tenant gets half although the flood has higher priority");
        assertCountsMatch(sql, "tenants");
    }

    @Test
    void pausedQueuesHandOutNothingUntilResumed() throws Exception {
        long id = sched.submit("paused", "{}");
        assertTrue(sched.pauseQueue("paused"));
        assertTrue(sched.claim(worker, "paused", 1, 30, 0).isEmpty());
        CompletableFuture<List<ClaimedTask>> waiting = CompletableFuture.supplyAsync(() -> {
            try (Scheduler other = new Scheduler(node.connect())) {
                return other.claim(worker, "paused", 1, 30, 10_000);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(sched.resumeQueue("paused"));
        assertEquals(List.of(id), ids(waiting.get()), "resume wakes the long-polling claim");
    }

    @Test
    void longPollingClaimIsWokenBySubmit() throws Exception {
        sched.createQueue("push", null, null, 1000, null);
        long emptyStart = System.nanoTime();
        assertTrue(sched.claim(worker, "push", 1, 30, 300).isEmpty());
        assertTrue((System.nanoTime() - emptyStart) / 1_000_000 >= 300, "an empty claim waits out wait_ms");
        CompletableFuture<List<ClaimedTask>> waiting = CompletableFuture.supplyAsync(() -> {
            try (Scheduler other = new Scheduler(node.connect())) {
                return other.claim(worker, "push", 1, 30, 30_000);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        long id = sched.submit("push", "{}");
        long submitted = System.nanoTime();
        assertEquals(List.of(id), ids(waiting.get()));
        assertTrue((System.nanoTime() - submitted) / 1_000_000 < 1_000, "woken on commit, not at the 30 s timeout");
    }

    @Test
    void retentionDropsOldFinishedTasks() throws Exception {
        sched.createQueue("retained", null, null, 1000, 0);
        long id = sched.submit("retained", "{}");
        ClaimedTask t = sched.claim(worker, "retained", 1, 30, 0).get(0);
        assertTrue(sched.complete(id, t.lease(), null));
        assertEquals(1, number(sql, "SELECT count(*) FROM sched.tasks WHERE id = " + id));
        sched.submit("retained", "{}");
        sched.claim(worker, "retained", 1, 30, 0);
        assertEquals(0, number(sql, "SELECT count(*) FROM sched.tasks WHERE id = " + id), "finished before the retention cut");
    }

    @Test
    void cronEntriesSubmitTasks() throws Exception {
        assertTrue((Boolean) value(sql, "SELECT sched.schedule('nightly', 'cron', '0 3 * * *', '{\"job\":\"backup\"}')"));
        Object next = value(sql, "SELECT next_run_at FROM sched.cron WHERE name = 'nightly'");
        assertEquals(3, ((java.sql.Timestamp) next).toInstant().atOffset(java.time.ZoneOffset.UTC).getHour());
        // Make the entry due now, as if 03:00 had passed, and claim: the claim fires it.
        sql.createStatement().execute("UPDATE sched.cron SET next_run_at = now() - interval '1 minute' WHERE name = 'nightly'");
        ClaimedTask t = sched.claim(worker, "cron", 1, 30, 0).get(0);
        assertEquals("{\"job\": \"backup\"}", t.payload());
        assertTrue(((java.sql.Timestamp) value(sql, "SELECT next_run_at FROM sched.cron WHERE name = 'nightly'")).after(new java.util.Date()));
        assertTrue((Boolean) value(sql, "SELECT sched.unschedule('nightly')"));
        SQLException bad = assertThrows(SQLException.class, () -> rows(sql, "SELECT sched.schedule('x', 'cron', '61 * * * *')"));
        assertEquals("22023", bad.getSQLState());
    }

    @Test
    void claimNeedsARegisteredWorkerAndAnExistingQueue() throws Exception {
        sched.submit("exists", "{}");
        SQLException noWorker = assertThrows(SQLException.class, () -> sched.claim(-5, "exists", 1, 30, 0));
        assertEquals("42704", noWorker.getSQLState());
        SQLException noQueue = assertThrows(SQLException.class, () -> sched.claim(worker, "no-such-queue", 1, 30, 0));
        assertEquals("42704", noQueue.getSQLState());
        SQLException tooMany = assertThrows(SQLException.class, () -> sched.claim(worker, "exists", 1_000_000, 30, 0));
        assertEquals("22023", tooMany.getSQLState());
    }
}
