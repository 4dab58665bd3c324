package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * CREATE DATABASE / DROP DATABASE and pg_database as clients that "make sure their database
 * exists" use them (DBOS Transact, test setups): connecting to a missing database fails with
 * 3D000, CREATE makes it connectable and listed, and the errors are PostgreSQL's. TableOS
 * deliberately differs in what a database is (every name reaches the cluster's one catalog,
 * see Catalog), which this test does not look at.
 */
class CreateDatabaseTest {
    private static final String NAME = "oracle_created_db";

    private static long listed(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(ThrowingAction action) {
        return assertThrows(SQLException.class, action::run).getSQLState();
    }

    private interface ThrowingAction {
        void run() throws SQLException;
    }

    @OnBothDatabases
    void createConnectListAndDrop(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            assertEquals("3D000", state(() -> db.connectTo(NAME).close()), "a database that does not exist");
            assertEquals(0, listed(s, NAME));

            s.execute("CREATE DATABASE " + NAME);
            assertEquals("42P04", state(() -> s.execute("CREATE DATABASE " + NAME)));
            assertEquals(1, listed(s, NAME));
            try (Connection other = db.connectTo(NAME); Statement o = other.createStatement()) {
                try (ResultSet rs = o.executeQuery("SELECT current_database()")) {
                    rs.next();
                    assertEquals(NAME, rs.getString(1));
                }
                assertEquals(1, listed(o, NAME));
                assertEquals("55006", state(() -> o.execute("DROP DATABASE " + NAME)), "the currently open database");
                assertEquals("55006", state(() -> s.execute("DROP DATABASE " + NAME)), "another session is connected to it");
            }
            s.execute("DROP DATABASE " + NAME + " WITH (FORCE)");
            assertEquals(0, listed(s, NAME));
            assertEquals("3D000", state(() -> db.connectTo(NAME).close()));
            assertEquals("3D000", state(() -> s.execute("DROP DATABASE " + NAME)));
            s.execute("DROP DATABASE IF EXISTS " + NAME);
        }
    }

    @OnBothDatabases
    void aLongNameIsTruncatedTo63Characters(Database db) throws SQLException {
        String longName = "oracle_db_" + "x".repeat(60);
        String truncated = longName.substring(0, 63);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + longName + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + longName);
            assertEquals(1, listed(s, truncated));
            assertEquals("42P04", state(() -> s.execute("CREATE DATABASE " + truncated)));
            s.execute("DROP DATABASE " + longName);
            assertEquals(0, listed(s, truncated));
        }
    }

    @OnBothDatabases
    void notInsideATransactionBlock(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertEquals("25001", state(() -> s.execute("CREATE DATABASE oracle_in_block_db")));
            c.rollback();
            assertEquals("25001", state(() -> s.execute("DROP DATABASE IF EXISTS oracle_in_block_db")));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(0, listed(s, "oracle_in_block_db"));
        }
    }

    @OnBothDatabases
    void alterDatabaseSetIsTheDefaultOfLaterSessions(Database db) throws SQLException {
        String name = "oracle_settings_db";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
            s.execute("ALTER DATABASE " + name + " SET default_transaction_isolation = 'serializable'");
            try (Connection other = db.connectTo(name); Statement o = other.createStatement()) {
                assertEquals("serializable", show(o, "default_transaction_isolation"));
                assertEquals("serializable", show(o, "transaction_isolation"));
                assertEquals(Connection.TRANSACTION_SERIALIZABLE, other.getTransactionIsolation());
            }
            assertEquals("read committed", show(s, "default_transaction_isolation"), "other databases keep theirs");
            c.setAutoCommit(false);
            s.execute("ALTER DATABASE " + name + " RESET default_transaction_isolation");
            c.rollback();
            c.setAutoCommit(true);
            try (Connection other = db.connectTo(name); Statement o = other.createStatement()) {
                assertEquals("serializable", show(o, "default_transaction_isolation"), "the RESET was rolled back");
            }
            s.execute("ALTER DATABASE " + name + " RESET ALL");
            try (Connection other = db.connectTo(name); Statement o = other.createStatement()) {
                assertEquals("read committed", show(o, "default_transaction_isolation"));
            }
            assertEquals("22023", state(() -> s.execute("ALTER DATABASE " + name + " SET default_transaction_isolation = 'sometimes'")));
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
