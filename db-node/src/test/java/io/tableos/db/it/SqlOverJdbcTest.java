package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end: a node in its own process, the stock pgJDBC driver, tables,
 * transactions and the SQLSTATEs of common mistakes; then a SIGKILL and a restart from the
 * Raft log and snapshots.
 */
class SqlOverJdbcTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dir);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) node.close();
    }

    @Test
    void createInsertSelectUpdateDelete() throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE crud (id bigint PRIMARY KEY, name text NOT NULL, score numeric(10,2) DEFAULT 0)");
            assertEquals(3, s.executeUpdate("INSERT INTO crud (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')"));
            assertEquals(1, s.executeUpdate("UPDATE crud SET score = score + 1.5 WHERE id = 2"));
            assertEquals(1, s.executeUpdate("DELETE FROM crud WHERE id = 3"));
            try (ResultSet rs = s.executeQuery("SELECT id, name, score FROM crud ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
                assertEquals("0.00", rs.getBigDecimal(3).toPlainString());
                assertTrue(rs.next());
                assertEquals("b", rs.getString(2));
                assertEquals("1.50", rs.getBigDecimal(3).toPlainString());
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void preparedStatementsAcrossThePrepareThreshold() throws SQLException {
        try (Connection c = node.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE prepared_kv (k integer PRIMARY KEY, v text)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO prepared_kv VALUES (?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "v" + i);
                    assertEquals(1, insert.executeUpdate());
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT v FROM prepared_kv WHERE k = ?")) {
                for (int i = 0; i < 20; i++) {
                    select.setInt(1, i);
                    try (ResultSet rs = select.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("v" + i, rs.getString(1));
                    }
                }
            }
        }
    }

    /** pgJDBC batches, sent as pipelined Bind/Execute, and with reWriteBatchedInserts as multi-row INSERTs. */
    @Test
    void batchesWithAndWithoutRewrittenInserts() throws SQLException {
        for (boolean rewrite : new boolean[] {false, true}) {
            String table = "batch_" + rewrite;
            try (Connection c = DriverManager.getConnection(node.jdbcUrl() + "&reWriteBatchedInserts=" + rewrite);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, v text NOT NULL)");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                    for (int i = 1; i <= 250; i++) {
                        insert.setInt(1, i);
                        insert.setString(2, "row " + i);
                        insert.addBatch();
                    }
                    int[] counts = insert.executeBatch();
                    assertEquals(250, counts.length);
                    // Rewritten batches report no per-row count, as against PostgreSQL.
                    for (int count : counts) assertEquals(rewrite ? Statement.SUCCESS_NO_INFO : 1, count);
                }
                c.commit();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                    for (int id : new int[] {251, 252, 7}) { // 7 exists: the whole batch must fail
                        insert.setInt(1, id);
                        insert.setString(2, "again");
                        insert.addBatch();
                    }
                    BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
                    assertEquals("23505", e.getSQLState());
                }
                c.rollback();
                try (ResultSet rs = s.executeQuery("SELECT count(*), sum(id), max(id) FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(250, rs.getLong(1));
                    assertEquals(250L * 251 / 2, rs.getLong(2));
                    assertEquals(250, rs.getInt(3));
                }
            }
        }
    }

    @Test
    void errorsCarryPostgresSqlStates() throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE errs (id int PRIMARY KEY, name varchar(3) NOT NULL)");
            s.execute("INSERT INTO errs VALUES (1, 'x')");
            assertState("42P01", () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertState("42703", () -> s.executeQuery("SELECT no_such_column FROM errs"));
            assertState("42601", () -> s.executeQuery("SELEC 1"));
            assertState("23505", () -> s.executeUpdate("INSERT INTO errs VALUES (1, 'y')"));
            assertState("23502", () -> s.executeUpdate("INSERT INTO errs (id) VALUES (2)"));
            assertState("22001", () -> s.executeUpdate("INSERT INTO errs VALUES (3, 'toolong')"));
            assertState("22012", () -> s.executeQuery("SELECT 1 / 0"));
            assertState("22P02", () -> s.executeQuery("SELECT 'abc'::integer"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM errs")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "failed statements left no rows behind");
            }
        }
    }

    @Test
    void transactionBlocksRollbackAndAbortedState() throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE txn_t (id int PRIMARY KEY)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO txn_t VALUES (1)");
            c.rollback();
            s.execute("INSERT INTO txn_t VALUES (2)");
            assertState("22012", () -> s.executeQuery("SELECT 1 / 0"));
            assertState("25P02", () -> s.executeQuery("SELECT 1"));
            c.rollback();
            s.execute("INSERT INTO txn_t VALUES (3)");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT id FROM txn_t ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void readOnlyTransactionRejectsWrites() throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ro_t (id int PRIMARY KEY)");
            s.execute("BEGIN READ ONLY");
            assertState("25006", () -> s.executeUpdate("INSERT INTO ro_t VALUES (1)"));
            s.execute("ROLLBACK");
        }
    }

    @Test
    void committedDataSurvivesSigkill() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE durable (id int PRIMARY KEY, payload text)");
            for (int i = 0; i < 50; i++) s.executeUpdate("INSERT INTO durable VALUES (" + i + ", 'p" + i + "')");
        }
        node.kill();
        node.start();
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(id) FROM durable")) {
            rs.next();
            assertEquals(50, rs.getLong(1));
            assertEquals(49 * 50 / 2, rs.getLong(2));
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static void assertState(String sqlState, SqlAction action) {
        SQLException e = assertThrows(SQLException.class, action::run);
        assertEquals(sqlState, e.getSQLState(), () -> "message: " + e.getMessage());
    }
}
