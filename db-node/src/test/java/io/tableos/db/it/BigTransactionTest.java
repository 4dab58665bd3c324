package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * Transactions larger than one Raft entry, on a real node process: one transaction updates
 * every row of a table, then one deletes every row, and one COPY loads a table inside a
 * transaction block; each commits whole (checked by count and sums), survives SIGKILL and log
 * replay, and a transaction over tableos.txn.maxbytes fails with 54000 leaving nothing.
 *
 * <p>Sizes: {@code -Dtableos.test.bigtxn.rows} rows (default 100,000; the full size is
 * 1,000,000) and {@code -Dtableos.test.bigtxn.copymb} MB of COPY text (default 16; full 256). The
 * node stages write sets from {@code -Dtableos.test.bigtxn.stagebytes} (default 4 MiB: the
 * default sizes ship two chunks or more, while COPY's 1 MB chunk commits stay unstaged) and runs in {@code -Dtableos.test.bigtxn.heap} (default 1g).
 */
public class BigTransactionTest {
    public static final int ROWS = Integer.getInteger("tableos.test.bigtxn.rows", 100_000);
    static final int COPY_MB = Integer.getInteger("tableos.test.bigtxn.copymb", 16);
    public static final String STAGE_BYTES = System.getProperty("tableos.test.bigtxn.stagebytes", "4194304");
    public static final String HEAP = System.getProperty("tableos.test.bigtxn.heap", "1g");

    @TempDir
    Path dir;

    @Test
    void updateThenDeleteEveryRowInOneTransactionEachSurvivesReplay() throws Exception {
        try (TestNode node = new TestNode(dir).withHeap(HEAP).withJvmOptions("-Dtableos.txn.stagebytes=" + STAGE_BYTES)) {
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big_update (id int PRIMARY KEY, v int, pad text)");
                copyRows(c, "big_update", ROWS);
                assertEquals(expectedSum(ROWS, 0), sumOf(s, "big_update"));
                long staged = metric(s, "staged_commits_applied"); // the COPY's chunk commits may be staged too
                long chunks = metric(s, "staged_chunks_applied");

                c.setAutoCommit(false);
                assertEquals(ROWS, s.executeUpdate("UPDATE big_update SET v = v + 1"));
                c.commit();
                c.setAutoCommit(true);
                assertEquals(expectedSum(ROWS, 1), sumOf(s, "big_update"));
                assertEquals(staged + 1, metric(s, "staged_commits_applied"), "the UPDATE was staged");
                assertTrue(metric(s, "staged_chunks_applied") > chunks + 1, "in more than one chunk");
            }
            node.kill();
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                assertEquals(expectedSum(ROWS, 1), sumOf(s, "big_update"), "after SIGKILL and log replay");
                long staged = metric(s, "staged_commits_applied"); // the replayed ones
                c.setAutoCommit(false);
                assertEquals(ROWS, s.executeUpdate("DELETE FROM big_update"));
                c.commit();
                c.setAutoCommit(true);
                assertEquals("0 null", countAndSum(s, "big_update"));
                assertEquals(staged + 1, metric(s, "staged_commits_applied"), "the DELETE was staged");
            }
            node.kill();
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                assertEquals("0 null", countAndSum(s, "big_update"), "after SIGKILL and log replay");
            }
        }
    }

    @Test
    void copyInOneTransactionBlockCommitsWhole() throws Exception {
        int rows = COPY_MB * 1024 * 1024 / 128; // lines of ~128 bytes
        try (TestNode node = new TestNode(dir).withHeap(HEAP).withJvmOptions("-Dtableos.txn.stagebytes=" + STAGE_BYTES)) {
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big_copy (id int PRIMARY KEY, v int, pad text)");
                c.setAutoCommit(false);
                long copied = ((PGConnection) c).getCopyAPI().copyIn("COPY big_copy FROM STDIN", new RowsStream(rows, 0, 110));
                assertEquals(rows, copied);
                c.commit();
                c.setAutoCommit(true);
                assertEquals(rows + " " + expectedSum(rows, 0), countAndSum(s, "big_copy"));
                assertEquals(1, metric(s, "staged_commits_applied"), "the COPY was staged (nothing else was)");
            }
        }
    }

    @Test
    void transactionOverTheMemoryLimitFailsWith54000AndLeavesNothing() throws Exception {
        // ~26 MB counted in the write buffer (384 bytes a row beyond key and row), over the 16 MB
        // limit; COPY's chunks of 1 MiB of rows count ~6 MB each, below it
        int rows = 60_000;
        try (TestNode node = new TestNode(dir).withJvmOptions("-Dtableos.txn.maxbytes=16000000")) {
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big_limit (id int PRIMARY KEY, v int, pad text)");
                copyRows(c, "big_limit", rows); // outside a block: commits in chunks below the limit
                c.setAutoCommit(false);
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE big_limit SET v = v + 1"));
                assertEquals("54000", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("tableos.txn.maxbytes"), e.getMessage());
                c.rollback();
                assertEquals(rows + " " + expectedSum(rows, 0), countAndSum(s, "big_limit"));
            }
        }
    }

    /** COPY outside a transaction block (committed in chunks): rows id, id % 1000, a pad. */
    public static void copyRows(Connection c, String table, int rows) throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        ((PGConnection) c).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", new RowsStream(rows, 0, 20));
        c.setAutoCommit(auto);
    }

    /** Sum of v over rows whose v is id % 1000 + {@code added}. */
    public static long expectedSum(int rows, int added) {
        long sum = 0;
        for (int id = 0; id < rows; id++) sum += id % 1000 + added;
        return sum;
    }

    static long sumOf(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT sum(v) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A counter from sys.metrics on the node {@code s} is connected to. */
    public static long metric(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM sys.metrics WHERE name = '" + name + "'")) {
            if (!rs.next()) throw new SQLException("no metric " + name);
            return rs.getLong(1);
        }
    }

    public static String countAndSum(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(v) FROM " + table)) {
            rs.next();
            return rs.getLong(1) + " " + rs.getString(2);
        }
    }

    /** COPY text of rows {@code id<TAB>id % 1000<TAB>pad}, generated as read (no buffer of the whole). */
    static final class RowsStream extends InputStream {
        private final int rows;
        private final String pad;
        private int next;
        private byte[] line = new byte[0];
        private int position;

        RowsStream(int rows, int first, int padLength) {
            this.rows = rows;
            this.next = first;
            this.pad = "x".repeat(padLength);
        }

        @Override
        public int read() {
            if (position == line.length && !nextLine()) return -1;
            return line[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (position == line.length && !nextLine()) return -1;
            int n = Math.min(len, line.length - position);
            System.arraycopy(line, position, b, off, n);
            position += n;
            return n;
        }

        private boolean nextLine() {
            if (next >= rows) return false;
            line = (next + "\t" + (next % 1000) + "\t" + pad + "\n").getBytes(StandardCharsets.US_ASCII);
            position = 0;
            next++;
            return true;
        }
    }
}
