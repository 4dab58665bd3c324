package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PSQLException;

/**
 * SQLSTATEs of common errors, compared with PostgreSQL 15: clients and ORMs branch on them
 * (retry on 40001, "already exists" on 23505), so the code matters more than the message.
 */
class ErrorCodesTest {

    @OnBothDatabases
    void commonErrorsCarryPostgresSqlStates(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS error_codes");
            s.execute("CREATE TABLE error_codes (id int PRIMARY KEY, v text NOT NULL)");
            s.execute("INSERT INTO error_codes VALUES (1, 'a')");
            assertEquals("23505", stateOf(s, "INSERT INTO error_codes VALUES (1, 'b')"));
            assertEquals("23502", stateOf(s, "INSERT INTO error_codes VALUES (2, NULL)"));
            assertEquals("22012", stateOf(s, "SELECT 1 / 0"));
            assertEquals("42P01", stateOf(s, "SELECT * FROM no_such_table_here"));
            assertEquals("42703", stateOf(s, "SELECT no_such_column FROM error_codes"));
            assertEquals("22P02", stateOf(s, "SELECT 'x'::int"));
            assertEquals("42601", stateOf(s, "CREATE TABLE (id int)"));
            assertEquals("42601", stateOf(s, "SELEC 1"));
            assertEquals("42601", stateOf(s, "INSERT INTO error_codes VALUES (1,"));
            s.execute("DROP TABLE error_codes");
        }
    }

    @OnBothDatabases
    void malformedCreateTableIsASyntaxErrorAtTheParenthesis(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("CREATE TABLE (id int)"));
            assertEquals("42601", e.getSQLState());
            assertEquals(14, e.getServerErrorMessage().getPosition());
        }
    }

    static String stateOf(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
    }
}
