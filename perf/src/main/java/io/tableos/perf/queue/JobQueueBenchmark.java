package io.tableos.perf.queue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The job-queue workload of issue 12 against one server through pgJDBC: N tasks inserted in
 * batches of 1,000, then W workers each repeat "claim up to B queued tasks (highest priority
 * first, FOR UPDATE SKIP LOCKED), then mark them succeeded" until the queue is empty. Every
 * statement autocommits, as a queue worker's would. Prints one {@code RESULT} line with
 * tasks/s over the claim phase, claim latency p50/p99 and the insert rate; checks that every
 * task ended succeeded exactly once.
 *
 * <p>Usage: {@code JobQueueBenchmark JDBC_URL [tasks] [workers] [claimBatch]}, default
 * {@code 1000000 8 100}. The table {@code queue_bench_tasks} is dropped and created.
 */
public final class JobQueueBenchmark {
    static final String TABLE = "queue_bench_tasks";
    static final int INSERT_BATCH_ROWS = 1_000;
    /** Claim latencies kept per worker (beyond this, later claims are not sampled). */
    static final int LATENCY_SAMPLES_MAX = 1_000_000;

    static final String CLAIM = "UPDATE " + TABLE + " SET state = 'running', worker = ?, started_at = now() WHERE id IN "
            + "(SELECT id FROM " + TABLE + " WHERE state = 'queued' ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id";
    static final String FINISH = "UPDATE " + TABLE + " SET state = 'succeeded', finished_at = now() WHERE id = ANY(?)";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JobQueueBenchmark JDBC_URL [tasks] [workers] [claimBatch]");
            System.exit(2);
        }
        String url = args[0];
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        double insertSeconds = load(url, tasks);
        Claims claims = claimAll(url, workers, batch);
        verify(url, tasks, claims.claimed());
        long[] latencies = claims.latenciesNanos();
        Arrays.sort(latencies);
        System.out.printf("RESULT tasks_per_s=%.0f claim_p50_ms=%.2f claim_p99_ms=%.2f claims=%d retries=%d insert_rows_per_s=%.0f seconds=%.1f plan=%s%n",
                tasks / claims.seconds(), percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, latencies.length,
                claims.retries(), tasks / insertSeconds, claims.seconds(), claims.plan());
    }

    /** Creates the table and its partial index and inserts the tasks; returns the seconds the inserts took. */
    static double load(String url, int tasks) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, state text NOT NULL, priority int NOT NULL, worker text, "
                    + "payload text, created_at timestamptz NOT NULL DEFAULT now(), started_at timestamptz, finished_at timestamptz)");
            s.execute("CREATE INDEX " + TABLE + "_queued ON " + TABLE + " (priority DESC, id) WHERE state = 'queued'");
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (id, state, priority, payload) "
                    + "SELECT g, 'queued', (g * 7919) % 10, 'task ' || g FROM generate_series(?::bigint, ?::bigint) AS g")) {
                for (long first = 1; first <= tasks; first += INSERT_BATCH_ROWS) {
                    insert.setLong(1, first);
                    insert.setLong(2, Math.min(tasks, first + INSERT_BATCH_ROWS - 1));
                    insert.executeUpdate();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            s.execute("ANALYZE " + TABLE);
            return seconds;
        }
    }

    record Claims(double seconds, long[] latenciesNanos, long claimed, long retries, String plan) {}

    static Claims claimAll(String url, int workers, int batch) throws Exception {
        String plan;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("EXPLAIN " + CLAIM.replaceFirst("\\?", "'w'").replaceFirst("\\?", Integer.toString(batch)))) {
            List<String> lines = new ArrayList<>();
            while (r.next()) lines.add(r.getString(1).trim());
            plan = String.join(" | ", lines).replace(' ', '~');
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < workers; i++) connections.add(DriverManager.getConnection(url));
        AtomicReference<Exception> failure = new AtomicReference<>();
        LongAdder claimed = new LongAdder(), retries = new LongAdder();
        long[][] latencies = new long[workers][];
        int[] latencyCounts = new int[workers];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Connection connection = connections.get(w);
            latencies[w] = new long[1024];
            Thread t = new Thread(() -> {
                try (PreparedStatement claim = connection.prepareStatement(CLAIM); PreparedStatement finish = connection.prepareStatement(FINISH)) {
                    claim.setString(1, "worker-" + worker);
                    claim.setInt(2, batch);
                    while (failure.get() == null) {
                        List<Long> ids = new ArrayList<>(batch);
                        long t0 = System.nanoTime();
                        try (ResultSet r = claim.executeQuery()) {
                            while (r.next()) ids.add(r.getLong(1));
                        } catch (SQLException e) {
                            if (!"40001".equals(e.getSQLState())) throw e;
                            retries.increment();
                            continue;
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (latencyCounts[worker] < LATENCY_SAMPLES_MAX) {
                            if (latencyCounts[worker] == latencies[worker].length) latencies[worker] = Arrays.copyOf(latencies[worker], latencies[worker].length * 2);
                            latencies[worker][latencyCounts[worker]++] = elapsed;
                        }
                        if (ids.isEmpty()) return;
                        Array array = connection.createArrayOf("bigint", ids.toArray());
                        finish.setArray(1, array);
                        while (true) {
                            try {
                                finish.executeUpdate();
                                break;
                            } catch (SQLException e) {
                                if (!"40001".equals(e.getSQLState())) throw e;
                                retries.increment();
                            }
                        }
                        claimed.add(ids.size());
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Connection c : connections) c.close();
        if (failure.get() != null) throw failure.get();
        int total = 0;
        for (int n : latencyCounts) total += n;
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(latencies[w], 0, all, at, latencyCounts[w]);
            at += latencyCounts[w];
        }
        return new Claims(seconds, all, claimed.sum(), retries.sum(), plan);
    }

    /** Every task claimed once and succeeded: the claimed count and the table agree. */
    static void verify(String url, int tasks, long claimed) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long rows = count(s, "SELECT count(*) FROM " + TABLE);
            long succeeded = count(s, "SELECT count(*) FROM " + TABLE + " WHERE state = 'succeeded'");
            if (rows != tasks || succeeded != tasks || claimed != tasks) {
                throw new IllegalStateException("expected " + tasks + " tasks succeeded, claimed once each; table has " + rows
                        + " rows, " + succeeded + " succeeded; workers claimed " + claimed);
            }
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
