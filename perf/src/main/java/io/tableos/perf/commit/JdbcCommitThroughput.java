package io.tableos.perf.commit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Commits per second of single-row autocommit INSERTs through pgJDBC against a running
 * node, for each client count given (issue 2's acceptance: group commit should make 32
 * clients many times faster than one). Each client has its own connection and a prepared
 * INSERT; each round warms up first (JIT on 2 cores needs it), then measures.
 *
 * <p>Usage: {@code JdbcCommitThroughput JDBC_URL [clients,...] [warmupSeconds] [measureSeconds]},
 * default {@code 1,32 10 10}. The URL carries user and password; the table
 * {@code commit_bench} is created if missing.
 */
public final class JdbcCommitThroughput {
    private static final String INSERT = "INSERT INTO commit_bench (id, payload) VALUES (?, ?)";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JdbcCommitThroughput JDBC_URL [clients,...] [warmupSeconds] [measureSeconds]");
            System.exit(2);
        }
        String url = args[0];
        String[] clientCounts = (args.length > 1 ? args[1] : "1,32").split(",");
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int measureSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        AtomicLong ids;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS commit_bench (id bigint PRIMARY KEY, payload text)");
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM commit_bench")) {
                r.next();
                ids = new AtomicLong(r.getLong(1));
            }
        }
        System.out.println("clients  commits/s  (single-row autocommit INSERT through pgJDBC)");
        for (String n : clientCounts) {
            int clients = Integer.parseInt(n.trim());
            run(url, ids, clients, warmupSeconds);
            long commits = run(url, ids, clients, measureSeconds);
            System.out.printf("%7d  %9.0f%n", clients, commits / (double) measureSeconds);
        }
    }

    private static long run(String url, AtomicLong ids, int clients, int seconds) throws Exception {
        LongAdder commits = new LongAdder();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) connections.add(DriverManager.getConnection(url));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (Connection connection : connections) {
            Thread w = new Thread(() -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    while (System.nanoTime() < end && failure.get() == null) {
                        long id = ids.incrementAndGet();
                        insert.setLong(1, id);
                        insert.setString(2, "payload of row " + id);
                        insert.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) w.join();
        for (Connection c : connections) c.close();
        if (failure.get() != null) throw failure.get();
        return commits.sum();
    }
}
