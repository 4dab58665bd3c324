package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a node must survive one transaction that deletes a large file's blocks in bounded
 * statements. A real node process with a {@value #HEAP} heap holds {@value #ROWS} rows of 1 MiB
 * (more than its heap) and deletes them all in one transaction, once as stepped DELETE statements
 * from pgJDBC and once inside a PL/pgSQL DO block, and as many bytes of 16 KiB rows; a REPEATABLE
 * READ transaction opened before reads every deleted row afterwards; between the statements
 * another session runs {@code SELECT 1} and commits small rows, and after each COMMIT the node is SIGKILLed and
 * restarted: the log replay (the inserts, the delete) must fit the same heap, the big table must
 * be empty and every acknowledged small row present. Deleting more small rows than the memory
 * bound allows fails with 54000 and leaves the node writable.
 *
 * <p>What it caught: inserting the rows, one commit each, left the node answering every statement
 * with "Java heap space" after ~128 of them, because Ratis kept the entries of the open and of the
 * last closed 64 MiB log segment on the heap (~124 entries of 1 MiB, each two G1 regions). Log
 * segments are 8 MiB now ({@code RaftNodeConfig.DEFAULT_SEGMENT_BYTES_MAX}). The delete keeps
 * the old rows in {@code VersionSpill}'s files ({@link LargeRowsOneTransactionTest}), those under
 * 32 KiB too once the version store's budget is reached; each test case says what it caught.
 */
class BigDeleteSmallHeapTest {
    static final String HEAP = "320m";
    static final int ROWS = 384;
    static final int STEP = 16; // rows per statement: fs deletes 16 MiB of blocks per call

    @TempDir
    Path dir;

    @Test
    void steppedDeleteStatementsInOneTransaction() throws Exception {
        deleteAllInOneTransactionThenRestart(c -> LargeRowsOneTransactionTest.fill(c, ROWS), (big, other) -> {
            for (int id = 0; id < ROWS; id += STEP) {
                assertEquals(STEP, big.executeUpdate("DELETE FROM big WHERE id BETWEEN " + id + " AND " + (id + STEP - 1)));
                other.answersAndCommits();
            }
        });
    }

    @Test
    void steppedDeleteInsideADoBlock() throws Exception {
        deleteAllInOneTransactionThenRestart(c -> LargeRowsOneTransactionTest.fill(c, ROWS), (big, other) -> {
            other.answersAndCommits();
            big.execute("DO $$ DECLARE i int := 0; n int; BEGIN WHILE i < " + ROWS + " LOOP"
                    + " DELETE FROM big WHERE id BETWEEN i AND i + " + (STEP - 1) + "; GET DIAGNOSTICS n = ROW_COUNT;"
                    + " IF n <> " + STEP + " THEN RAISE EXCEPTION 'deleted % rows at %', n, i; END IF;"
                    + " i := i + " + STEP + "; END LOOP; END $$");
            other.answersAndCommits();
        });
    }

    /**
     * Rows below the size whose old versions always go to files ({@code VersionSpill.ROW_BYTES_MIN},
     * 32 KiB): {@value #SMALL_ROWS} rows of 16 KiB, as many bytes as above. Their versions stayed on
     * the heap while the commit applied, and it killed the node (APPLY-FAILED: it would not start
     * again); now they go to files once the version store's heap budget is reached.
     */
    @Test
    void rowsBelowTheSpillSizeDeletedInOneTransaction() throws Exception {
        deleteAllInOneTransactionThenRestart(BigDeleteSmallHeapTest::fillSmallRows, (big, other) -> {
            for (int id = 0; id < SMALL_ROWS; id += SMALL_STEP) {
                assertEquals(SMALL_STEP, big.executeUpdate("DELETE FROM big WHERE id BETWEEN " + id + " AND " + (id + SMALL_STEP - 1)));
                other.answersAndCommits();
            }
        });
    }

    /**
     * Deleting more small rows in one transaction than the node's memory bound allows fails with
     * 54000 and the node goes on serving writes. The bound ({@code tableos.txn.maxbytes}, a quarter
     * of the heap) counted 96 bytes a row beyond its key, a quarter of the real cost: 800,000 rows of
     * 64 bytes passed it, and their COMMIT ran out of heap on Ratis' threads, after which the node
     * stepped down and answered every write with "not the leader" for good.
     */
    @Test
    void tooManySmallRowsInOneTransactionFailWith54000AndTheNodeStaysWritable() throws Exception {
        int rows = 800_000;
        int step = 40_000;
        try (TestNode node = new TestNode(dir).withHeap(HEAP)) {
            node.start();
            try (Connection writer = node.connect(); Connection other = node.connect(); Statement w = writer.createStatement();
                 Statement o = other.createStatement()) {
                w.execute("CREATE TABLE tiny (id int PRIMARY KEY, v bytea)");
                for (int id = 0; id < rows; id += step) {
                    w.executeUpdate("INSERT INTO tiny SELECT g, decode(repeat(md5(g::text), 4), 'hex') FROM generate_series("
                            + id + ", " + (id + step - 1) + ") g");
                }
                writer.setAutoCommit(false);
                SQLException refused = assertThrows(SQLException.class, () -> {
                    for (int id = 0; id < rows; id += step) w.executeUpdate("DELETE FROM tiny WHERE id BETWEEN " + id + " AND " + (id + step - 1));
                    writer.commit();
                });
                assertEquals("54000", refused.getSQLState(), refused.getMessage());
                writer.rollback();
                o.execute("CREATE TABLE after_refusal (id int PRIMARY KEY)");
                assertEquals(1, o.executeUpdate("INSERT INTO after_refusal VALUES (1)"), "the node still takes writes");
                try (ResultSet rs = o.executeQuery("SELECT count(*) FROM tiny")) {
                    rs.next();
                    assertEquals(rows, rs.getLong(1), "the refused transaction deleted nothing");
                }
            }
        }
    }

    static final int SMALL_ROWS = ROWS * 64;
    static final int SMALL_STEP = STEP * 64;

    /** Rows of 16 KiB (an md5 repeated), one statement of {@value #SMALL_STEP} rows per commit. */
    private static void fillSmallRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id int PRIMARY KEY, v bytea)");
            for (int id = 0; id < SMALL_ROWS; id += SMALL_STEP) {
                s.executeUpdate("INSERT INTO big SELECT g, decode(repeat(md5(g::text), 1024), 'hex') FROM generate_series("
                        + id + ", " + (id + SMALL_STEP - 1) + ") g");
            }
        }
    }

    interface Filling {
        void fill(Connection c) throws SQLException;
    }

    interface Deletion {
        void run(Statement big, OtherSession other) throws SQLException;
    }

    private void deleteAllInOneTransactionThenRestart(Filling filling, Deletion deletion) throws Exception {
        try (TestNode node = new TestNode(dir).withHeap(HEAP)) {
            node.start();
            int acknowledged;
            try (Connection writer = node.connect(); Connection other = node.connect(); Connection reader = node.connect();
                 Statement w = writer.createStatement(); Statement r = reader.createStatement()) {
                filling.fill(writer);
                w.execute("CREATE TABLE acked (id int PRIMARY KEY)");
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                reader.setAutoCommit(false);
                String before = LargeRowsOneTransactionTest.contents(r); // its snapshot, older than the delete
                OtherSession beside = new OtherSession(other);
                writer.setAutoCommit(false);
                deletion.run(w, beside);
                writer.commit();
                beside.answersAndCommits();
                acknowledged = beside.committed;
                assertEquals("0 0", countAndBytes(w), "after COMMIT");
                assertEquals(before, LargeRowsOneTransactionTest.contents(r), "the older snapshot reads every deleted row intact");
                reader.commit();
            }

            node.kill();
            node.start(); // replays the fill and the delete
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                assertEquals("0 0", countAndBytes(s), "after SIGKILL and replay");
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(id), 0) FROM acked")) {
                    rs.next();
                    assertEquals(acknowledged + " " + (long) acknowledged * (acknowledged - 1) / 2, rs.getLong(1) + " " + rs.getLong(2),
                            "every small commit acknowledged during the big transaction");
                }
            }
        }
    }

    /** The session beside the big transaction: it must be answered and its commits acknowledged throughout. */
    private static final class OtherSession {
        private final Statement statement;
        int committed;

        OtherSession(Connection c) throws SQLException {
            this.statement = c.createStatement();
        }

        void answersAndCommits() throws SQLException {
            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            assertEquals(1, statement.executeUpdate("INSERT INTO acked VALUES (" + committed + ")"));
            committed++;
        }
    }

    private static String countAndBytes(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(length(v)), 0) FROM big")) {
            rs.next();
            return rs.getLong(1) + " " + rs.getLong(2);
        }
    }
}
