package io.tableos.services.sched;

import io.tableos.db.it.TestNode;
import io.tableos.services.SqlRows;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A real node in its own JVM with this module's test classpath, so the node's ServiceLoader
 * finds {@link SchedModule} as production finds it in the node's jar; plus small SQL helpers.
 */
final class SchedNode implements AutoCloseable {
    final TestNode node;

    private SchedNode(TestNode node) {
        this.node = node;
    }

    static SchedNode start() throws Exception {
        return new SchedNode(TestNode.start(Files.createTempDirectory("sched-node")));
    }

    Connection connect() throws SQLException {
        return node.connect();
    }

    static List<Object[]> rows(Connection c, String sql) throws SQLException {
        return SqlRows.rows(c, sql);
    }

    static Object value(Connection c, String sql) throws SQLException {
        return SqlRows.value(c, sql);
    }

    static long number(Connection c, String sql) throws SQLException {
        return SqlRows.number(c, sql);
    }

    /** Each per-state count of sched.queues equals the count of tasks in that state (the Counters invariant). */
    static void assertCountsMatch(Connection c, String queue) throws SQLException {
        for (String state : List.of("waiting", "queued", "running", "succeeded", "failed", "cancelled")) {
            long counted = number(c, "SELECT count(*) FROM sched.tasks WHERE queue = '" + queue + "' AND state = '" + state + "'");
            long kept = number(c, "SELECT " + state + " FROM sched.queues WHERE name = '" + queue + "'");
            org.junit.jupiter.api.Assertions.assertEquals(counted, kept, queue + ": sched.queues." + state);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
