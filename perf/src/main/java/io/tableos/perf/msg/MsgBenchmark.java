package io.tableos.perf.msg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgmq workloads on one system, each timed from its first call to its last answer:
 * <ul>
 *   <li>send: C clients send N messages, one per call (batch 1) or 100 per send_batch;</li>
 *   <li>read+delete: C clients drain N queued messages, reading 1 and deleting it, or reading 100
 *       and deleting them with one delete(bigint[]) call;</li>
 *   <li>ping-pong: this process sends to one queue, a second process (this class, mode
 *       {@code ponger}) receives with read_with_poll, deletes and answers on another; round trip
 *       p50/p99 over S exchanges;</li>
 *   <li>fan-out: one sender, 40 receivers (read_with_poll of up to 10, delete) draining F messages;</li>
 *   <li>publish-to-receive latency: one receiver idle in read_with_poll, one message sent, time
 *       until the receiver has it (same process clock), S samples.</li>
 * </ul>
 * An unmeasured warm-up pass of the throughput workloads ({@code msg.warmup} messages) runs first
 * on both systems. Prints one {@code key=value} line per figure for compare.sh.
 *
 * <p>Usage: {@code MsgBenchmark postgres|tableos JDBC_URL [pgmq-shaped.sql (postgres)] }; sizes come from
 * system properties {@code msg.n1}, {@code msg.n100}, {@code msg.clients}, {@code msg.samples},
 * {@code msg.fanout}, {@code msg.pollIntervalMillis}, {@code msg.warmup}.
 */
public final class MsgBenchmark {
    static final String BODY = "{\"order\": 12345, \"customer\": \"c-42\", \"amount\": 99.5, \"items\": [1, 2, 3]}";
    /** A receiver's long poll: long enough to stay inside one call while idle. */
    static final int POLL_SECONDS = 5;
    static final int RECEIVERS = 40;

    private MsgBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("ponger")) {
            Ponger.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        String system = args[0];
        String url = args[1];
        int n1 = Integer.getInteger("msg.n1", 10_000);
        int n100 = Integer.getInteger("msg.n100", 100_000);
        int clients = Integer.getInteger("msg.clients", 4);
        int samples = Integer.getInteger("msg.samples", 200);
        int fanout = Integer.getInteger("msg.fanout", 20_000);
        int pollInterval = Integer.getInteger("msg.pollIntervalMillis", 10);
        if (system.equals("postgres")) install(url, Path.of(args[2]));
        awaitReady(url);
        int warmup = Integer.getInteger("msg.warmup", 2_000);
        // Unmeasured first pass of the throughput workloads: a fresh node's JIT has compiled nothing yet.
        sends(url, clients, warmup, 1);
        readDeletes(url, clients, warmup, 1);
        readDeletes(url, clients, warmup * 10, 100);

        print("send_b1_msgs_per_s", sends(url, clients, n1, 1));
        print("read_delete_b1_msgs_per_s", readDeletes(url, clients, n1, 1));
        print("send_b100_msgs_per_s", sends(url, clients, n100, 100));
        print("read_delete_b100_msgs_per_s", readDeletes(url, clients, n100, 100));
        long[] roundTrips = PingPong.run(url, samples, pollInterval);
        print("pingpong_p50_ms", percentile(roundTrips, 50) / 1e3);
        print("pingpong_p99_ms", percentile(roundTrips, 99) / 1e3);
        print("fanout40_msgs_per_s", FanOut.run(url, fanout, pollInterval));
        long[] latencies = Latency.run(url, samples, pollInterval);
        print("publish_receive_p50_ms", percentile(latencies, 50) / 1e3);
        print("publish_receive_p99_ms", percentile(latencies, 99) / 1e3);
    }

    static void print(String key, double value) {
        System.out.printf("%s=%.3f%n", key, value);
    }

    static long percentile(long[] micros, int p) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
    }

    private static void install(String url, Path script) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : Files.readString(script).split("\n--;;\n")) s.execute(statement);
        }
    }

    /**
     * Waits until pgmq answers: a new cluster's leader migrates the service schema in the background
     * (55000 until then), and leadership may still move right after start (08xxx, 25006).
     */
    private static void awaitReady(String url) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.executeQuery("SELECT * FROM pgmq.list_queues()").close();
                return;
            } catch (java.sql.SQLException e) {
                String state = e.getSQLState();
                boolean settling = state == null || state.startsWith("08") || state.equals("25006") || state.equals("55000");
                if (!settling || System.nanoTime() > deadline) throw e;
                sleepMillis(200);  // another process is migrating or electing: a bounded retry pause
            }
        }
    }

    /** Messages per second of {@code clients} clients sending {@code total} messages {@code batch} per call. */
    static double sends(String url, int clients, int total, int batch) throws Exception {
        String queue = "bench_send_" + batch;
        try (Pgmq q = new Pgmq(url, 0)) {
            q.recreate(queue);
        }
        String[] bodies = new String[batch];
        Arrays.fill(bodies, BODY);
        AtomicLong left = new AtomicLong(total / batch);
        double seconds = parallel(clients, () -> {
            try (Pgmq q = new Pgmq(url, 0)) {
                while (left.getAndDecrement() > 0) {
                    if (batch == 1) q.send(queue, BODY);
                    else q.sendBatch(queue, bodies);
                }
            }
            return null;
        });
        return total / seconds;
    }

    /** Messages per second of {@code clients} clients draining {@code total} queued messages, reading and deleting {@code batch} a time. */
    static double readDeletes(String url, int clients, int total, int batch) throws Exception {
        String queue = "bench_drain_" + batch;
        String[] bodies = new String[1_000];
        Arrays.fill(bodies, BODY);
        try (Pgmq q = new Pgmq(url, 0)) {
            q.recreate(queue);
            for (int sent = 0; sent < total; sent += bodies.length) q.sendBatch(queue, bodies);
        }
        AtomicLong done = new AtomicLong();
        double seconds = parallel(clients, () -> {
            try (Pgmq q = new Pgmq(url, 0)) {
                while (true) {
                    List<Object[]> got = q.read(queue, 30, batch);
                    if (got.isEmpty()) return null;
                    int deleted = batch == 1 ? (q.delete(queue, (Long) got.get(0)[0]) ? 1 : 0) : q.delete(queue, got);
                    if (deleted != got.size()) throw new IllegalStateException("deleted " + deleted + " of " + got.size());
                    done.addAndGet(deleted);
                }
            }
        });
        if (done.get() < total) throw new IllegalStateException("drained " + done.get() + " of " + total);
        return total / seconds;
    }

    /** Runs {@code threads} copies of the task at once; the seconds from start until the last ends. */
    static double parallel(int threads, Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) running.add(pool.submit(task));
            for (Future<Void> f : running) f.get();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
