package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.fail;

import io.tableos.db.it.oracle.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Tells that a session's statement is waiting for a lock the way PostgreSQL's own isolation
 * tester does: by asking the server, from a connection of its own, until
 * {@code pg_stat_activity.wait_event_type} for the session's backend pid is {@code Lock}.
 * A scenario must know that before it runs the step that releases the lock: were the statement
 * to reach the server only afterwards, it would take its snapshot after that step and see a
 * different outcome. A live session's backend is always listed there. Elapsed time decides
 * nothing here; {@link #WAIT_LIMIT_SECONDS} only ends a wait that will never come. A statement
 * that finishes instead of waiting fails the scenario.
 */
final class LockWaits implements AutoCloseable {
    static final long WAIT_LIMIT_SECONDS = 20;

    private final Connection observer;
    private final PreparedStatement waitEventType;

    LockWaits(Database db) throws SQLException {
        observer = db.connect();
        waitEventType = observer.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?");
    }

    void awaitLockWait(Session session, String sql, Future<?> statement) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_LIMIT_SECONDS);
        while (!"Lock".equals(waitEventTypeOf(session))) {
            if (statement.isDone()) fail(session + ": expected to wait for a lock, but finished (" + outcome(statement) + "): " + sql);
            if (System.nanoTime() > deadline) {
                fail(session + ": not reported waiting for a lock (pg_stat_activity.wait_event_type) within "
                        + WAIT_LIMIT_SECONDS + " s: " + sql);
            }
        }
    }

    private String waitEventTypeOf(Session session) {
        try {
            waitEventType.setInt(1, session.backendPid());
            try (ResultSet rs = waitEventType.executeQuery()) {
                if (!rs.next()) fail("pg_stat_activity does not list " + session + "'s backend (pid " + session.backendPid() + ")");
                String type = rs.getString(1);
                return type == null ? "" : type;
            }
        } catch (SQLException e) {
            throw new AssertionError("the server does not report lock waits in pg_stat_activity (pid, wait_event_type): "
                    + e.getSQLState() + " " + e.getMessage(), e);
        }
    }

    private static String outcome(Future<?> statement) {
        try {
            return "result " + statement.get();
        } catch (ExecutionException e) {
            return e.getCause() instanceof SQLException s ? "SQLSTATE " + s.getSQLState() + " " + s.getMessage() : e.getCause().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() throws SQLException {
        observer.close();
    }
}
