package io.tableos.services.sched;

import static io.tableos.services.sched.SchedNode.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service procedure called inside the client's BEGIN ... COMMIT is part of that transaction
 * (issue 13: "enqueue work atomically with application writes"): a rolled-back block leaves
 * neither the task nor the application's row; a committed one makes both visible together,
 * and the task claimable; other sessions see neither before the commit.
 */
class SubmitInClientTransactionTest {
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
}
