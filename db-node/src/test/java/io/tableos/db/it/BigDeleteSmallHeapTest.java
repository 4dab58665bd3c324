package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * from pgJDBC and once inside a PL/pgSQL DO block; between the statements another session runs
 * {@code SELECT 1} and commits small rows, and after each COMMIT the node is SIGKILLed and
 * restarted: the log replay (the inserts, the delete) must fit the same heap, the big table must
 * be empty and every acknowledged small row present.
 *
 * <p>What it caught: inserting the rows, one commit each, left the node answering every statement
 * with "Java heap space" after ~128 of them, because Ratis kept the entries of the open and of the
 * last closed 64 MiB log segment on the heap (~124 entries of 1 MiB, each two G1 regions). Log
 * segments are 8 MiB now ({@code RaftNodeConfig.DEFAULT_SEGMENT_BYTES_MAX}). The delete itself
 * keeps the old rows in {@code VersionSpill}'s files ({@link LargeRowsOneTransactionTest}).
 */
class BigDeleteSmallHeapTest {
    static final String HEAP = "320m";
    static final int ROWS = 384;
    static final int STEP = 16; // rows per statement: fs deletes 16 MiB of blocks per call

    @TempDir
    Path dir;

    @Test
    void steppedDeleteStatementsInOneTransaction() throws Exception {
        deleteAllInOneTransactionThenRestart((big, other) -> {
            for (int id = 0; id < ROWS; id += STEP) {
                assertEquals(STEP, big.executeUpdate("DELETE FROM big WHERE id BETWEEN " + id + " AND " + (id + STEP - 1)));
                other.answersAndCommits();
            }
        });
    }

    @Test
    void steppedDeleteInsideADoBlock() throws Exception {
        deleteAllInOneTransactionThenRestart((big, other) -> {
            other.answersAndCommits();
            big.execute("DO $$ DECLARE i int := 0; n int; BEGIN WHILE i < " + ROWS + " LOOP"
                    + " DELETE FROM big WHERE id BETWEEN i AND i + " + (STEP - 1) + "; GET DIAGNOSTICS n = ROW_COUNT;"
                    + " IF n <> " + STEP + " THEN RAISE EXCEPTION 'deleted % rows at %', n, i; END IF;"
                    + " i := i + " + STEP + "; END LOOP; END $$");
            other.answersAndCommits();
        });
    }

    interface Deletion {
        void run(Statement big, OtherSession other) throws SQLException;
    }

    private void deleteAllInOneTransactionThenRestart(Deletion deletion) throws Exception {
        try (TestNode node = new TestNode(dir).withHeap(HEAP)) {
            node.start();
            int acknowledged;
            try (Connection writer = node.connect(); Connection other = node.connect(); Statement w = writer.createStatement()) {
                LargeRowsOneTransactionTest.fill(writer, ROWS);
                w.execute("CREATE TABLE acked (id int PRIMARY KEY)");
                OtherSession beside = new OtherSession(other);
                writer.setAutoCommit(false);
                deletion.run(w, beside);
                writer.commit();
                beside.answersAndCommits();
                acknowledged = beside.committed;
                assertEquals("0 0", countAndBytes(w), "after COMMIT");
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
