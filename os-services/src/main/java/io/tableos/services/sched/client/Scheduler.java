package io.tableos.services.sched.client;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed client of {@code sched.*} over one JDBC connection (any PostgreSQL driver URL of a
 * TableOS cluster; give pgJDBC {@code targetServerType=primary} so calls reach the leader).
 * Each method is one procedure call, so one transaction; calls made inside the connection's
 * own transaction still run in a transaction of their own. Not thread-safe: one per thread.
 */
public final class Scheduler implements AutoCloseable {
    private final Connection connection;

    public Scheduler(Connection connection) {
        this.connection = connection;
    }

    /** Options of {@link #submit(String, String, SubmitOptions)}; null fields take the server's defaults. */
    public record SubmitOptions(Integer priority, Instant runAt, String dedupKey, Integer maxAttempts, long[] dependsOn,
                                String tenant) {
        public static final SubmitOptions DEFAULTS = new SubmitOptions(null, null, null, null, null, null);

        public SubmitOptions withPriority(int p) { return new SubmitOptions(p, runAt, dedupKey, maxAttempts, dependsOn, tenant); }
        public SubmitOptions withRunAt(Instant t) { return new SubmitOptions(priority, t, dedupKey, maxAttempts, dependsOn, tenant); }
        public SubmitOptions withDedupKey(String k) { return new SubmitOptions(priority, runAt, k, maxAttempts, dependsOn, tenant); }
        public SubmitOptions withMaxAttempts(int n) { return new SubmitOptions(priority, runAt, dedupKey, n, dependsOn, tenant); }
        public SubmitOptions withDependsOn(long... ids) { return new SubmitOptions(priority, runAt, dedupKey, maxAttempts, ids, tenant); }
        public SubmitOptions withTenant(String t) { return new SubmitOptions(priority, runAt, dedupKey, maxAttempts, dependsOn, t); }
    }

    /** Creates the queue or changes its settings; null concurrency or rate means unlimited. */
    public boolean createQueue(String name, Integer concurrency, Double ratePerSecond, int retryDelayMillis, Integer retentionSeconds)
            throws SQLException {
        return call("SELECT sched.create_queue(?, ?, ?, ?, ?)", s -> {
            s.setString(1, name);
            setNullable(s, 2, concurrency, Types.INTEGER);
            setNullable(s, 3, ratePerSecond, Types.DOUBLE);
            s.setInt(4, retryDelayMillis);
            setNullable(s, 5, retentionSeconds, Types.INTEGER);
        });
    }

    public boolean pauseQueue(String name) throws SQLException {
        return call("SELECT sched.pause_queue(?)", s -> s.setString(1, name));
    }

    public boolean resumeQueue(String name) throws SQLException {
        return call("SELECT sched.resume_queue(?)", s -> s.setString(1, name));
    }

    public long submit(String queue, String payloadJson) throws SQLException {
        return submit(queue, payloadJson, SubmitOptions.DEFAULTS);
    }

    /** The new task's id, or the live task's with the same dedup key. */
    public long submit(String queue, String payloadJson, SubmitOptions o) throws SQLException {
        return one("SELECT sched.submit(?, ?::jsonb, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, queue);
            s.setString(2, payloadJson);
            s.setInt(3, o.priority() == null ? 0 : o.priority());
            s.setTimestamp(4, o.runAt() == null ? null : Timestamp.from(o.runAt()));
            s.setString(5, o.dedupKey());
            s.setInt(6, o.maxAttempts() == null ? 3 : o.maxAttempts());
            s.setArray(7, o.dependsOn() == null ? null : longArray(o.dependsOn()));
            s.setString(8, o.tenant());
        }, r -> r.getLong(1));
    }

    /** Submits every payload in one call (one transaction); ids in payload order. */
    public long[] submitMany(String queue, List<String> payloadsJson, int priority) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM sched.submit_many(?, ?::jsonb[], ?)")) {
            s.setString(1, queue);
            s.setArray(2, connection.createArrayOf("text", payloadsJson.toArray()));
            s.setInt(3, priority);
            long[] ids = new long[payloadsJson.size()];
            int n = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) ids[n++] = r.getLong(1);
            }
            return ids;
        }
    }

    public long registerWorker(String name, int capacity) throws SQLException {
        return one("SELECT sched.register_worker(?, ?)", s -> {
            s.setString(1, name);
            s.setInt(2, capacity);
        }, r -> r.getLong(1));
    }

    /** Extends the worker's unexpired leases; false when the worker is unknown. */
    public boolean heartbeat(long worker) throws SQLException {
        return call("SELECT sched.heartbeat(?)", s -> s.setLong(1, worker));
    }

    /** Leases up to {@code maxTasks}; with {@code waitMillis > 0} waits that long for work to arrive. */
    public List<ClaimedTask> claim(long worker, String queue, int maxTasks, int leaseSeconds, int waitMillis) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM sched.claim(?, ?, ?, ?, ?)")) {
            s.setLong(1, worker);
            s.setString(2, queue);
            s.setInt(3, maxTasks);
            s.setInt(4, leaseSeconds);
            s.setInt(5, waitMillis);
            List<ClaimedTask> tasks = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) tasks.add(new ClaimedTask(r.getLong(1), r.getString(2), r.getInt(3), r.getLong(4)));
            }
            return tasks;
        }
    }

    /** False when the lease is not (or no longer) the task's: the completion was refused. */
    public boolean complete(long taskId, long lease, String resultJson) throws SQLException {
        return call("SELECT sched.complete(?, ?, ?::jsonb)", s -> {
            s.setLong(1, taskId);
            s.setLong(2, lease);
            s.setString(3, resultJson);
        });
    }

    /** How many of the completions were accepted. */
    public int completeMany(long[] taskIds, long[] leases) throws SQLException {
        return one("SELECT sched.complete_many(?, ?)", s -> {
            s.setArray(1, longArray(taskIds));
            s.setArray(2, longArray(leases));
        }, r -> r.getInt(1));
    }

    /** The task's new state (waiting for a retry, queued, or failed), or null when the lease was refused. */
    public String fail(long taskId, long lease, String error) throws SQLException {
        return one("SELECT sched.fail(?, ?, ?)", s -> {
            s.setLong(1, taskId);
            s.setLong(2, lease);
            s.setString(3, error);
        }, r -> r.getString(1));
    }

    public boolean cancel(long taskId) throws SQLException {
        return call("SELECT sched.cancel(?)", s -> s.setLong(1, taskId));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private Array longArray(long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return connection.createArrayOf("bigint", boxed);
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet r) throws SQLException;
    }

    private boolean call(String sql, Binder binder) throws SQLException {
        return one(sql, binder, r -> r.getBoolean(1));
    }

    /** Runs a call that returns one row and reads it. */
    private <T> T one(String sql, Binder binder, Reader<T> reader) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return reader.read(r);
            }
        }
    }

    private static void setNullable(PreparedStatement s, int index, Object value, int sqlType) throws SQLException {
        if (value == null) s.setNull(index, sqlType);
        else s.setObject(index, value, sqlType);
    }
}
