package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.tableos.db.it.oracle.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client session of a scenario: a pgJDBC connection driven from a thread of its own, so the
 * test thread can go on with other sessions while a statement of this one waits for a lock.
 * Every statement runs on that thread; the test thread waits for it at most
 * {@link #STATEMENT_LIMIT_SECONDS}, a guard against a hang (a statement that should not block),
 * never a way to decide an outcome.
 */
final class Session implements AutoCloseable {
    static final long STATEMENT_LIMIT_SECONDS = 30;
    /** SQLSTATE serialization_failure: "could not serialize access ...". */
    static final String SERIALIZATION_FAILURE = "40001";

    final String name;
    private final Connection connection;
    private final ExecutorService thread;
    private final int backendPid;
    /** True while a transaction started with {@link #beginWithJdbc} is open (autocommit off). */
    private boolean jdbcTransaction;

    private Session(String name, Connection connection) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "session-" + name);
            t.setDaemon(true);
            return t;
        });
        this.backendPid = call("pg_backend_pid()", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    static Session open(Database db, String name, String... urlParameters) throws SQLException {
        return new Session(name, db.connect(urlParameters));
    }

    /** The server process (pg_backend_pid) serving this session, as pg_stat_activity names it. */
    int backendPid() {
        return backendPid;
    }

    /** BEGIN, then SET TRANSACTION ISOLATION LEVEL as the first statement of the block. */
    void begin(Level level) throws SQLException {
        execute("BEGIN");
        execute("SET TRANSACTION ISOLATION LEVEL " + level.sql);
    }

    /** The JDBC way: Connection.setTransactionIsolation, then autocommit off (pgJDBC sends BEGIN). */
    void beginWithJdbc(Level level) throws SQLException {
        call("setTransactionIsolation", c -> {
            c.setTransactionIsolation(level.jdbc);
            c.setAutoCommit(false);
            return null;
        });
        jdbcTransaction = true;
    }

    void commit() throws SQLException {
        endTransaction("COMMIT", Connection::commit);
    }

    void rollback() throws SQLException {
        endTransaction("ROLLBACK", Connection::rollback);
    }

    private void endTransaction(String sql, JdbcEnd jdbcEnd) throws SQLException {
        if (!jdbcTransaction) {
            execute(sql);
            return;
        }
        jdbcTransaction = false;
        call(sql, c -> {
            try {
                jdbcEnd.end(c);
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /** Runs a statement; returns its update count (0 for statements without one). */
    int execute(String sql) throws SQLException {
        return call(sql, c -> executeOn(c, sql));
    }

    /** Rows of a query whose first two columns are an integer key and an integer value. */
    Map<Integer, Integer> rows(String sql) throws SQLException {
        return call(sql, c -> {
            Map<Integer, Integer> rows = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) rows.put(rs.getInt(1), rs.getInt(2));
            }
            return rows;
        });
    }

    /** The single integer value of a one-row, one-column query. */
    long value(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    /** The single text value of a one-row, one-column query. */
    String text(String sql) throws SQLException {
        return call(sql, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                if (!rs.next()) fail(name + ": no row from " + sql);
                return rs.getString(1);
            }
        });
    }

    /** Runs a statement that must fail; returns its SQLSTATE. */
    String failure(String sql) {
        return assertThrows(SQLException.class, () -> execute(sql), name + ": expected to fail: " + sql).getSQLState();
    }

    /** The SQLSTATE of a COMMIT that must fail. */
    String failedCommit() {
        return assertThrows(SQLException.class, this::commit, name + ": expected COMMIT to fail").getSQLState();
    }

    /**
     * Starts a statement that must wait for a lock and returns once the server reports it
     * waiting; the test then runs the step that releases the lock and joins the result.
     */
    Pending blocked(String sql, LockWaits waits) {
        Future<Integer> result = thread.submit(() -> executeOn(connection, sql));
        waits.awaitLockWait(this, sql, result);
        return new Pending(this, sql, result);
    }

    private static int executeOn(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.execute(sql) ? 0 : Math.max(0, s.getUpdateCount());
        }
    }

    private <T> T call(String what, JdbcCall<T> call) throws SQLException {
        return await(what, thread.submit(() -> call.run(connection)));
    }

    <T> T await(String what, Future<T> result) throws SQLException {
        try {
            return result.get(STATEMENT_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the same SQLSTATE, with the session and statement that met it
            if (e.getCause() instanceof SQLException sql) throw new SQLException(name + ": " + what + ": " + sql.getMessage(), sql.getSQLState(), sql);
            throw new AssertionError(name + ": " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": '" + what + "' did not finish within " + STATEMENT_LIMIT_SECONDS
                    + " s (blocked where it should not be?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Closes the connection (which ends a blocked statement) and the session's thread. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a broken connection: nothing left to release
        }
        thread.shutdownNow();
    }

    @Override
    public String toString() {
        return name;
    }

    @FunctionalInterface
    interface JdbcCall<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface JdbcEnd {
        void end(Connection c) throws SQLException;
    }

    /** A statement that waited for a lock; join it after the step that releases the lock. */
    static final class Pending {
        private final Session session;
        private final String sql;
        private final Future<Integer> result;

        Pending(Session session, String sql, Future<Integer> result) {
            this.session = session;
            this.sql = sql;
            this.result = result;
        }

        /** The statement's update count; it must have succeeded. */
        int updateCount() throws SQLException {
            return session.await(sql, result);
        }

        /** The statement's SQLSTATE; it must have failed. */
        String failure() {
            return assertThrows(SQLException.class, this::updateCount, session.name + ": expected to fail: " + sql)
                    .getSQLState();
        }
    }
}
