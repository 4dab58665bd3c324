package io.tableos.perf.batch;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Rows per second of bulk inserts through pgJDBC against one server, in the three ways Java
 * applications load rows: {@code executeBatch} of a prepared single-row INSERT, the same with
 * {@code reWriteBatchedInserts=true} (pgJDBC then sends multi-row {@code INSERT ... VALUES
 * (...),(...)}), and {@code COPY FROM STDIN}. Autocommit is on, as in Spring JDBC's
 * batchUpdate: each batch (one Sync) is one implicit transaction, each COPY one statement.
 *
 * <p>Each mode creates its own table and loads {@code rows} rows {@code warmupRounds} times
 * unmeasured (the JVM's JIT on 2 cores needs it; rounds take successive id ranges, so no DDL
 * comes between the warm-up and the measured load and plans stay cached, as in an
 * application's steady state); then each mode loads {@code rows} more, measured. The row count is checked after the
 * clock stops. Prints one line per mode: {@code mode rows seconds rows/s}.
 *
 * <p>Usage: {@code BatchInsertThroughput JDBC_URL [rows] [batchSize] [modes] [warmupRounds]},
 * default {@code 100000 1000 batch,rewrite,copy 2}.
 */
public final class BatchInsertThroughput {
    private static final String TABLE = "batch_bench";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BatchInsertThroughput JDBC_URL [rows] [batchSize] [batch,rewrite,copy] [warmupRounds]");
            System.exit(2);
        }
        String url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        String[] modes = (args.length > 3 ? args[3] : "batch,rewrite,copy").split(",");
        int warmupRounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        // Every mode warms up before any is measured: the first mode measured must not pay for
        // the JIT compiling the code paths all modes share.
        Map<String, Connection> connections = new LinkedHashMap<>();
        try {
            for (String mode : modes) {
                Connection c = DriverManager.getConnection(mode.equals("rewrite")
                        ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : url);
                connections.put(mode, c);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table(mode));
                    s.execute("CREATE TABLE " + table(mode) + " (id bigint PRIMARY KEY, account int NOT NULL, amount bigint, note text)");
                }
                for (int round = 0; round < warmupRounds; round++) load(c, mode, 1 + (long) round * rows, rows, batchSize);
            }
            long firstId = 1 + (long) warmupRounds * rows;
            for (String mode : modes) {
                Connection c = connections.get(mode);
                long started = System.nanoTime();
                load(c, mode, firstId, rows, batchSize);
                double seconds = (System.nanoTime() - started) / 1e9;
                long expected = firstId - 1 + rows;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table(mode))) {
                    r.next();
                    if (r.getLong(1) != expected) throw new IllegalStateException(mode + ": " + r.getLong(1) + " rows, expected " + expected);
                }
                System.out.printf("%-8s %8d %8.2f %10.0f%n", mode, rows, seconds, rows / seconds);
            }
            for (String mode : modes) {
                try (Statement s = connections.get(mode).createStatement()) {
                    s.execute("DROP TABLE " + table(mode));
                }
            }
        } finally {
            for (Connection c : connections.values()) c.close();
        }
    }

    private static String table(String mode) {
        return TABLE + "_" + mode;
    }

    /** Loads ids {@code firstId .. firstId + rows - 1}. */
    private static void load(Connection c, String mode, long firstId, int rows, int batchSize) throws SQLException, IOException {
        switch (mode) {
            case "batch", "rewrite" -> insertBatches(c, mode, firstId, rows, batchSize);
            case "copy" -> copy(c, firstId, rows);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void insertBatches(Connection c, String mode, long firstId, int rows, int batchSize) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table(mode) + " (id, account, amount, note) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                long id = firstId + i - 1;
                p.setLong(1, id);
                p.setInt(2, (int) (id % 1_000));
                p.setLong(3, id * 7L);
                p.setString(4, note(id));
                p.addBatch();
                if (i % batchSize == 0 || i == rows) p.executeBatch();
            }
        }
    }

    private static void copy(Connection c, long firstId, int rows) throws SQLException, IOException {
        long copied = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table("copy") + " (id, account, amount, note) FROM STDIN", new RowsReader(firstId, rows));
        if (copied != rows) throw new IllegalStateException("COPY reported " + copied + " rows");
    }

    private static String note(long id) {
        return "order " + id + " for account " + (id % 1_000);
    }

    /** Text-format COPY data generated on the fly, so the client holds no whole file. */
    private static final class RowsReader extends Reader {
        private final long end;
        private long next;
        private String line = "";
        private int position;

        RowsReader(long firstId, int rows) {
            this.next = firstId;
            this.end = firstId + rows;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == line.length()) {
                if (next == end) return -1;
                long id = next++;
                line = id + "\t" + (id % 1_000) + "\t" + (id * 7L) + "\t" + note(id) + "\n";
                position = 0;
            }
            int n = Math.min(length, line.length() - position);
            line.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
