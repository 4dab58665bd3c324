package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One transaction that deletes or rewrites more large rows than the node's heap holds, in many
 * bounded statements (what fs does when it removes a large file inside one transaction), on a
 * real node process with a {@value #HEAP} heap and {@value #ROWS} rows of 1 MiB: the commit
 * succeeds (or fails with 54000 before anything is sequenced), a REPEATABLE READ transaction
 * opened before it still reads every old row intact afterwards, and other sessions are served
 * throughout. Before the version store kept large old rows in files, the DELETE's commit killed
 * the node at apply (OutOfMemoryError, then APPLY-FAILED: it would not start again), because
 * every replica keeps a changed row's old version while a snapshot may read it. And before a
 * scan's chunk was bounded by bytes, reading the table (256 rows a chunk) failed with "Java heap space".
 */
class LargeRowsOneTransactionTest {
    static final String HEAP = "512m";
    static final int ROWS = 640;
    static final int STEP = 16; // rows per statement: fs's 16 MiB per call

    @TempDir
    Path dir;

    @Test
    void deletingMoreThanTheHeapInStepsCommitsAndOlderSnapshotsStillReadIt() throws Exception {
        try (TestNode node = new TestNode(dir).withHeap(HEAP)) {
            node.start();
            try (Connection writer = node.connect(); Connection reader = node.connect(); Connection other = node.connect();
                 Statement w = writer.createStatement(); Statement r = reader.createStatement()) {
                fill(writer, ROWS);
                String before = openSnapshot(reader);

                writer.setAutoCommit(false);
                for (int id = 0; id < ROWS; id += STEP) {
                    assertEquals(STEP, w.executeUpdate("DELETE FROM big WHERE id BETWEEN " + id + " AND " + (id + STEP - 1)));
                }
                writer.commit();
                try (Statement o = other.createStatement()) {
                    assertEquals("0 {}", contents(o), "another session sees the commit");
                    long spilled = BigTransactionTest.metric(o, "mvcc_spilled_bytes");
                    assertTrue(spilled > ROWS * (1L << 20) && spilled < ROWS * ((1L << 20) + 64), "the old rows (1 MiB"
                            + " and their encoding each) are in spill files, not on the heap: " + spilled);
                }
                assertEquals(before, contents(r), "the older snapshot reads every deleted row intact");
                reader.commit();
                writer.setAutoCommit(true);
                w.execute("CREATE TABLE after_commit (id int PRIMARY KEY)"); // an entry applied after the reader ended
                assertEquals(0, BigTransactionTest.metric(w, "mvcc_spilled_bytes"), "versions go once no snapshot needs them");
            }
        }
    }

    @Test
    void rewritingLargeValuesCommitsWithinTheLimitAndFailsWith54000BeyondIt() throws Exception {
        int rows = 96;
        int rewritten = 32; // 32 MiB: staged in chunks, below tableos.txn.maxbytes; all 96 are over it
        // Set below the default (a quarter of the heap, 128 MiB): with 1 MiB rows the leader's heap
        // holds more than the write buffer counts (G1 gives each 1 MiB array two 1 MiB regions, and
        // Ratis caches its open log segment), and the statement failed with "Java heap space" before 54000.
        try (TestNode node = new TestNode(dir).withHeap(HEAP).withJvmOptions("-Dtableos.txn.maxbytes=" + (64 << 20))) {
            node.start();
            try (Connection writer = node.connect(); Connection reader = node.connect(); Connection other = node.connect();
                 Statement r = reader.createStatement(); Statement o = other.createStatement()) {
                fill(writer, rows);
                String before = openSnapshot(reader);

                writer.setAutoCommit(false);
                rewrite(writer, 0, rewritten);
                writer.commit();
                assertEquals(rewritten + " " + ((long) rewritten << 20), countAndBytes(o, "v = decode(repeat('ab', 1048576), 'hex')"));
                assertEquals(before, contents(r), "the older snapshot reads every rewritten row as it was");
                reader.commit();

                SQLException e = assertThrows(SQLException.class, () -> rewrite(writer, 0, rows));
                assertEquals("54000", e.getSQLState(), e.getMessage());
                writer.rollback();
                assertEquals(rewritten + " " + ((long) rewritten << 20), countAndBytes(o, "v = decode(repeat('ab', 1048576), 'hex')"),
                        "the refused transaction left nothing");
            }
        }
    }

    /** Starts a REPEATABLE READ transaction on {@code reader} whose snapshot holds the table's rows as now; returns them. */
    private static String openSnapshot(Connection reader) throws SQLException {
        try (Statement r = reader.createStatement()) {
            String now = contents(r);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.setAutoCommit(false);
            assertEquals(now, contents(r), "the snapshot, taken before the big transaction");
            return now;
        }
    }

    /** Rows 0..rows-1 of 1 MiB each, one INSERT per row (each commits alone). */
    static void fill(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id int PRIMARY KEY, v bytea)");
        }
        byte[] value = new byte[1 << 20];
        try (PreparedStatement p = c.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
            for (int id = 0; id < rows; id++) {
                for (int i = 0; i < value.length; i++) value[i] = (byte) (i * 31 + id);
                p.setInt(1, id);
                p.setBytes(2, value);
                p.executeUpdate();
            }
        }
    }

    /** Sets rows [first, end) to 1 MiB of 0xab, STEP rows per statement. */
    private static void rewrite(Connection c, int first, int end) throws SQLException {
        byte[] value = new byte[1 << 20];
        java.util.Arrays.fill(value, (byte) 0xab);
        try (PreparedStatement p = c.prepareStatement("UPDATE big SET v = ? WHERE id BETWEEN ? AND ?")) {
            for (int id = first; id < end; id += STEP) {
                p.setBytes(1, value);
                p.setInt(2, id);
                p.setInt(3, id + STEP - 1);
                assertEquals(STEP, p.executeUpdate());
            }
        }
    }

    /** Every row's id, length and md5, in id order (sorted here: the query streams, a sort would hold the rows). */
    static String contents(Statement s) throws SQLException {
        java.util.TreeMap<Integer, String> rows = new java.util.TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT id, length(v), md5(v) FROM big")) {
            while (rs.next()) rows.put(rs.getInt(1), rs.getLong(2) + ":" + rs.getString(3));
        }
        return rows.size() + " " + rows;
    }

    private static String countAndBytes(Statement s, String where) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(length(v)) FROM big WHERE " + where)) {
            rs.next();
            return rs.getLong(1) + " " + rs.getLong(2);
        }
    }
}
