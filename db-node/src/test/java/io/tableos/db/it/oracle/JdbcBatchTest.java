package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.postgresql.PGConnection;

/**
 * pgJDBC batches compared with PostgreSQL 15. {@code executeBatch} in autocommit mode sends its
 * Bind/Execute pairs up to one Sync, which PostgreSQL runs as one implicit transaction committed
 * at Sync; with {@code reWriteBatchedInserts=true} pgJDBC sends multi-row INSERTs instead. Both
 * forms: update counts, a duplicate key failing the whole batch with 23505 and leaving nothing
 * of it committed, and the batch being one transaction (later statements see earlier ones'
 * rows; one transaction timestamp). COPY FROM STDIN: row count, and a bad row committing nothing.
 */
class JdbcBatchTest {
    private static final String[] MODES = {"reWriteBatchedInserts=false", "reWriteBatchedInserts=true"};

    @OnBothDatabases
    void batchInsertsReportCountsAndCommit(Database db) throws SQLException {
        for (String mode : MODES) {
            try (Connection c = db.connect(mode)) {
                recreate(c, "batch_counts");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_counts (id, v) VALUES (?, ?)")) {
                    for (int i = 1; i <= 300; i++) {
                        p.setInt(1, i);
                        p.setString(2, "v" + i);
                        p.addBatch();
                    }
                    int[] counts = p.executeBatch();
                    assertEquals(300, counts.length, mode);
                    // pgJDBC reports SUCCESS_NO_INFO (-2) for rewritten rows: the same on both databases.
                    int expected = mode.endsWith("true") ? Statement.SUCCESS_NO_INFO : 1;
                    assertTrue(Arrays.stream(counts).allMatch(n -> n == expected), mode + " " + Arrays.toString(counts));
                }
                try (Connection other = db.connect()) {
                    assertEquals(300, count(other, "SELECT count(*) FROM batch_counts"), mode);
                    assertEquals(300 * 301 / 2, count(other, "SELECT sum(id) FROM batch_counts"), mode);
                }
            }
        }
    }

    @OnBothDatabases
    void duplicateKeyFailsTheWholeBatchAndCommitsNothing(Database db) throws SQLException {
        for (String mode : MODES) {
            try (Connection c = db.connect(mode)) {
                recreate(c, "batch_duplicate");
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO batch_duplicate VALUES (150, 'existing')");
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_duplicate (id, v) VALUES (?, ?)")) {
                    for (int i = 1; i <= 200; i++) {
                        p.setInt(1, i);
                        p.setString(2, "new");
                        p.addBatch();
                    }
                    BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch, mode);
                    assertEquals("23505", e.getSQLState(), mode);
                }
                assertEquals(1, count(c, "SELECT count(*) FROM batch_duplicate"), mode);
                // The session is usable and the next batch commits.
                try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_duplicate (id, v) VALUES (?, ?)")) {
                    for (int i = 1; i <= 3; i++) {
                        p.setInt(1, 1000 + i);
                        p.setString(2, "later");
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                assertEquals(4, count(c, "SELECT count(*) FROM batch_duplicate"), mode);
            }
        }
    }

    @OnBothDatabases
    void aBatchIsOneTransaction(Database db) throws SQLException {
        try (Connection c = db.connect()) {
            recreate(c, "batch_one_txn");
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS batch_one_txn_seen");
                s.execute("CREATE TABLE batch_one_txn_seen (after int, seen bigint, at timestamptz, xact_now timestamptz)");
            }
            // Each statement records how many rows it sees and the transaction's timestamp: in
            // one transaction every later statement sees the earlier rows and now() stays put.
            try (Statement s = c.createStatement()) {
                for (int i = 1; i <= 5; i++) {
                    s.addBatch("INSERT INTO batch_one_txn VALUES (" + i + ", 'x')");
                    s.addBatch("INSERT INTO batch_one_txn_seen SELECT " + i + ", count(*), clock_timestamp(), now() FROM batch_one_txn");
                }
                int[] counts = s.executeBatch();
                assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, counts);
            }
            assertEquals(15, count(c, "SELECT sum(seen) FROM batch_one_txn_seen"));
            assertEquals(1, count(c, "SELECT count(DISTINCT xact_now) FROM batch_one_txn_seen"));
            // Not the timestamp of an earlier transaction either: later than every clock reading before it ran.
            assertEquals(0, count(c, "SELECT count(*) FROM batch_one_txn_seen WHERE xact_now > at"));
        }
    }

    @OnBothDatabases
    void failureInTheMiddleOfAPipelinedBatchUndoesTheEarlierStatements(Database db) throws SQLException {
        try (Connection c = db.connect()) {
            recreate(c, "batch_middle");
            try (Statement s = c.createStatement()) {
                s.addBatch("INSERT INTO batch_middle VALUES (1, 'a')");
                s.addBatch("INSERT INTO batch_middle VALUES (2, 'b')");
                s.addBatch("INSERT INTO batch_middle VALUES (1, 'duplicate')");
                s.addBatch("INSERT INTO batch_middle VALUES (3, 'c')");
                BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
                assertEquals("23505", e.getSQLState());
            }
            assertEquals(0, count(c, "SELECT count(*) FROM batch_middle"));
        }
    }

    @OnBothDatabases
    void copyFromStdinLoadsAllRowsOrNone(Database db) throws Exception {
        try (Connection c = db.connect()) {
            recreate(c, "batch_copy");
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 1000; i++) data.append(i).append('\t').append("row ").append(i).append('\n');
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY batch_copy (id, v) FROM STDIN", new StringReader(data.toString()));
            assertEquals(1000, copied);
            assertEquals(1000, count(c, "SELECT count(*) FROM batch_copy"));
            String bad = "2001\tfine\n2002\tfine\n1\tduplicate\n";
            SQLException e = assertThrows(SQLException.class, () -> c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY batch_copy (id, v) FROM STDIN", new StringReader(bad)));
            assertEquals("23505", e.getSQLState());
            assertEquals(1000, count(c, "SELECT count(*) FROM batch_copy"));
        }
    }

    private static void recreate(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
