package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.core.BaseConnection;

/**
 * Protocol behaviour pgJDBC relies on, compared with PostgreSQL 15: portals of one transaction
 * fetched alternately (fetch size), a CancelRequest and statement_timeout interrupting a running
 * statement with 57014 (and the session usable afterwards), and the sender's PID in a NOTIFY.
 */
class ProtocolBehaviourTest {

    @OnBothDatabases
    void twoPortalsFetchedAlternatelyInOneTransaction(Database db) throws SQLException {
        // Unnamed statements (the default below prepareThreshold) and named ones (threshold 1).
        for (String threshold : new String[] {"prepareThreshold=5", "prepareThreshold=1"}) {
            try (Connection c = db.connect(threshold); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS portals_interleaved");
                s.execute("CREATE TABLE portals_interleaved (id int PRIMARY KEY, v int)");
                s.execute("INSERT INTO portals_interleaved SELECT g, g * 10 FROM generate_series(1, 25) g");
                c.setAutoCommit(false);
                try (PreparedStatement a = c.prepareStatement("SELECT id FROM portals_interleaved ORDER BY id");
                     PreparedStatement b = c.prepareStatement("SELECT v FROM portals_interleaved WHERE id > ? ORDER BY id")) {
                    a.setFetchSize(3);
                    b.setFetchSize(4);
                    b.setInt(1, 5);
                    try (ResultSet ra = a.executeQuery(); ResultSet rb = b.executeQuery()) {
                        long sumA = 0, sumB = 0;
                        int rowsA = 0, rowsB = 0;
                        boolean moreA = true, moreB = true;
                        while (moreA || moreB) {
                            if (moreA && (moreA = ra.next())) { sumA += ra.getInt(1); rowsA++; }
                            if (moreB && (moreB = rb.next())) { sumB += rb.getInt(1); rowsB++; }
                        }
                        assertEquals(25, rowsA, threshold);
                        assertEquals(325, sumA, threshold);
                        assertEquals(20, rowsB, threshold);
                        assertEquals(10 * (325 - 15), sumB, threshold);
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                s.execute("DROP TABLE portals_interleaved");
            }
        }
    }

    @OnBothDatabases
    void cancelRequestStopsPgSleep(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            long started = System.nanoTime();
            SQLException e = cancelWhileRunning(s, "SELECT pg_sleep(5)");
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "cancel took effect before the sleep ended");
            assertSessionUsable(s);
        }
    }

    @OnBothDatabases
    void cancelRequestStopsALongAggregate(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createSeries(s, "cancel_scan");
            SQLException e = cancelWhileRunning(s, LONG_AGGREGATE.replace("$t", "cancel_scan"));
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertSessionUsable(s);
            s.execute("DROP TABLE cancel_scan");
        }
    }

    @OnBothDatabases
    void statementTimeoutStopsALongAggregateAndPgSleep(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createSeries(s, "timeout_scan");
            s.execute("SET statement_timeout = 300");
            SQLException scan = assertThrowsSql(() -> s.executeQuery(LONG_AGGREGATE.replace("$t", "timeout_scan")));
            assertEquals("57014", scan.getSQLState(), scan.getMessage());
            long started = System.nanoTime();
            SQLException sleep = assertThrowsSql(() -> s.executeQuery("SELECT pg_sleep(5)"));
            assertEquals("57014", sleep.getSQLState(), sleep.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4));
            s.execute("RESET statement_timeout");
            assertSessionUsable(s);
            s.execute("DROP TABLE timeout_scan");
        }
    }

    @OnBothDatabases
    void jdbcQueryTimeoutInterruptsTheStatement(Database db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT pg_sleep(?)")) {
            p.setQueryTimeout(1);
            p.setDouble(1, 5);
            long started = System.nanoTime();
            SQLException e = assertThrowsSql(p::executeQuery);
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4));
            try (Statement s = c.createStatement()) {
                assertSessionUsable(s);
            }
        }
    }

    @OnBothDatabases
    void notificationCarriesTheSendersProcessId(Database db) throws Exception {
        try (Connection listener = db.connect(); Connection sender = db.connect();
             Statement ls = listener.createStatement(); Statement ss = sender.createStatement()) {
            ls.execute("LISTEN protocol_pid_channel");
            int senderPid = sender.unwrap(PGConnection.class).getBackendPID();
            try (ResultSet r = ss.executeQuery("SELECT pg_backend_pid()")) {
                assertTrue(r.next());
                assertEquals(senderPid, r.getInt(1), "BackendKeyData and pg_backend_pid() agree");
            }
            ss.execute("NOTIFY protocol_pid_channel, 'hello'");
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertNotNull(received);
            assertEquals(1, received.length);
            assertEquals("protocol_pid_channel", received[0].getName());
            assertEquals("hello", received[0].getParameter());
            assertEquals(senderPid, received[0].getPID());
            ls.execute("UNLISTEN *");
        }
    }

    /** 160,000,000 joined row pairs: many seconds on either database, so only an interrupt ends it early. */
    private static final String LONG_AGGREGATE = "SELECT count(*), sum(a.g + b.g) FROM $t a, $t b";

    private static void createSeries(Statement s, String table) throws SQLException {
        s.execute("DROP TABLE IF EXISTS " + table);
        s.execute("CREATE TABLE " + table + " (g int PRIMARY KEY)");
        s.execute("INSERT INTO " + table + " SELECT g FROM generate_series(1, 12650) g");
    }

    /**
     * Runs {@code sql} on another thread and sends CancelRequests until it ends. Both servers
     * ignore a request that arrives before the statement runs (the server is idle or still
     * reading it), so one request could be lost; repeating it needs no sleep to know the
     * statement started. ({@code Statement.cancel()} would send only the first.) Returns the
     * statement's error.
     */
    private static SQLException cancelWhileRunning(Statement s, String sql) throws Exception {
        BaseConnection connection = s.getConnection().unwrap(BaseConnection.class);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                s.executeQuery(sql).close();
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < giveUp) {
            connection.cancelQuery();
            try {
                running.get(50, TimeUnit.MILLISECONDS);
                throw new AssertionError("statement completed although cancelled: " + sql);
            } catch (TimeoutException stillRunning) {
                // cancel again
            } catch (ExecutionException ended) {
                return (SQLException) ended.getCause();
            }
        }
        throw new AssertionError("statement was not cancelled within 60 s: " + sql);
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static SQLException assertThrowsSql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an SQLException");
    }

    private static void assertSessionUsable(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT 41 + 1")) {
            assertTrue(r.next());
            assertEquals(42, r.getInt(1));
            assertFalse(r.next());
        }
    }
}
