package io.tableos.db.it.oracle;

import static io.tableos.db.it.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/**
 * pg_stat_activity's state as PostgreSQL reports it: 'active' for a session whose statement is
 * running (its own query included), 'idle' once it has finished.
 */
class ActivityStateTest {

    private static String stateOf(Statement s, int pid) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int pid(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @OnBothDatabases
    void runningIsActiveFinishedIsIdle(Database db) throws Exception {
        try (Connection sleeper = db.connect(); Connection observer = db.connect();
             Statement sleeping = sleeper.createStatement(); Statement watching = observer.createStatement()) {
            try (ResultSet rs = watching.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
                rs.next();
                assertEquals("active", rs.getString(1), "a session's own running query");
            }
            int pid = pid(sleeping);
            assertEquals("idle", stateOf(watching, pid));
            CompletableFuture<Void> sleep = CompletableFuture.runAsync(() -> {
                try {
                    sleeping.execute("SELECT pg_sleep(3)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            eventually(() -> {
                try {
                    return "active".equals(stateOf(watching, pid));
                } catch (SQLException e) {
                    return false;
                }
            }, "the sleeping session shown active", 10);
            sleep.get();
            assertEquals("idle", stateOf(watching, pid));
        }
    }
}
