package io.tableos.services.sched;

import static io.tableos.services.sched.SchedNode.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service procedure called inside the client's BEGIN ... COMMIT is part of that transaction
 * (issue 13: "enqueue work atomically with application writes"): a rolled-back block leaves
 * neither the task nor the application's row; a committed one makes both visible together,
 * and the task claimable; other sessions see neither before the commit. A rolled-back
 * submit_many leaves sched.queues' counts as the tasks are, and a claim long-polling in
 * another session wakes when the block commits.
 */
class SubmitInClientTransactionTest {
    /** A claim's long-poll: far longer than a commit takes, so returning early means it was woken. */
    static final int CLAIM_WAIT_MILLIS = 20_000;
    private static SchedNode node;
    private static Connection app;
    private static Connection observer;

    @BeforeAll
    static void start() throws Exception {
        node = SchedNode.start();
        app = node.connect();
        observer = node.connect();
        try (Statement s = app.createStatement()) {
            s.execute("CREATE TABLE orders_in_txn (id int PRIMARY KEY, note text)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (observer != null) observer.close();
        if (node != null) node.close();
    }

    private static long tasksIn(Connection c, String queue) throws Exception {
        return number(c, "SELECT count(*) FROM sched.tasks WHERE queue = '" + queue + "'");
    }

    @Test
    void rollbackLeavesNoTaskAndNoRow() throws Exception {
        app.setAutoCommit(false);
        try (Statement s = app.createStatement()) {
            s.execute("INSERT INTO orders_in_txn VALUES (1, 'rolled back')");
            long id = number(app, "SELECT sched.submit('txn-rollback', '{\"order\":1}')");
            assertTrue(id > 0);
            assertEquals(1, tasksIn(app, "txn-rollback"), "the block sees its own task");
            assertEquals(0, tasksIn(observer, "txn-rollback"), "no one else sees it before commit");
            app.rollback();
        } finally {
            app.setAutoCommit(true);
        }
        assertEquals(0, tasksIn(observer, "txn-rollback"));
        assertEquals(0, number(observer, "SELECT count(*) FROM orders_in_txn WHERE id = 1"));
    }

    @Test
    void commitMakesTaskAndRowVisibleTogether() throws Exception {
        app.setAutoCommit(false);
        long id;
        try (Statement s = app.createStatement()) {
            s.execute("INSERT INTO orders_in_txn VALUES (2, 'committed')");
            id = number(app, "SELECT sched.submit('txn-commit', '{\"order\":2}')");
            assertEquals(0, number(observer, "SELECT count(*) FROM orders_in_txn WHERE id = 2"));
            app.commit();
        } finally {
            app.setAutoCommit(true);
        }
        assertEquals(1, number(observer, "SELECT count(*) FROM orders_in_txn WHERE id = 2"));
        long worker = number(observer, "SELECT sched.register_worker('txn-worker', 1)");
        assertEquals(id, number(observer, "SELECT task_id FROM sched.claim(" + worker + ", 'txn-commit', 1)"));
    }

    @Test
    void rolledBackSubmitManyLeavesTheQueueCountsAsTheTasksAre() throws Exception {
        number(observer, "SELECT count(*) FROM sched.create_queue('txn-counts')");
        app.setAutoCommit(false);
        try {
            assertEquals(3, number(app, "SELECT count(*) FROM sched.submit_many('txn-counts', ARRAY['{}', '{}', '{}']::jsonb[])"));
            assertEquals(3, number(app, "SELECT queued FROM sched.queues WHERE name = 'txn-counts'"), "the block sees its counts");
            app.rollback();
        } finally {
            app.setAutoCommit(true);
        }
        SchedNode.assertCountsMatch(observer, "txn-counts");
        long worker = number(observer, "SELECT sched.register_worker('txn-counts-worker', 1)");
        assertEquals(0, number(observer, "SELECT count(*) FROM sched.claim(" + worker + ", 'txn-counts', 1)"));
    }

    @Test
    void aLongPollingClaimWakesWhenTheBlockCommits() throws Exception {
        number(observer, "SELECT count(*) FROM sched.create_queue('txn-wake')");
        long worker = number(observer, "SELECT sched.register_worker('txn-wake-worker', 1)");
        CompletableFuture<Long> claimed = CompletableFuture.supplyAsync(() -> {
            try (Connection c = node.connect()) {
                List<Object[]> rows = SchedNode.rows(c, "SELECT task_id FROM sched.claim(" + worker + ", 'txn-wake', 1, 30, "
                        + CLAIM_WAIT_MILLIS + ")");
                return rows.isEmpty() ? null : ((Number) rows.get(0)[0]).longValue();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        // Until pg_stat_activity shows the claim's text, the claim has not been sent. (Its state column reads
        // 'idle' even for running statements on this node, so the text is what tells.)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (number(observer, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%sched.claim%txn-wake%'"
                + " AND query NOT LIKE '%pg_stat_activity%'") == 0) {
            assertTrue(System.nanoTime() < deadline && !claimed.isDone(), "the claim is waiting");
            Thread.onSpinWait();
        }
        app.setAutoCommit(false);
        long id;
        try (Statement s = app.createStatement()) {
            s.execute("INSERT INTO orders_in_txn VALUES (3, 'wakes a worker')");
            id = number(app, "SELECT sched.submit('txn-wake', '{\"order\":3}')");
            app.commit();
        } finally {
            app.setAutoCommit(true);
        }
        long committed = System.nanoTime();
        assertEquals(id, claimed.get(CLAIM_WAIT_MILLIS * 2, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - committed < TimeUnit.MILLISECONDS.toNanos(CLAIM_WAIT_MILLIS / 2),
                "woken by the commit, not by the claim's timeout");
    }
}
