package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * pgJDBC's simple query mode inlines each parameter in parentheses, so a two-parameter INSERT
 * arrives as {@code VALUES (('1'::int4), ('a'))}: one row, not two rows of one column. Compared
 * with PostgreSQL: that INSERT, and VALUES lists of one row with parenthesized values beside
 * the multi-row form.
 */
class SimpleModeParametersTest {

    @OnBothDatabases
    void parenthesizedValuesAreOneRow(Database db) throws SQLException {
        try (Connection c = db.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS simple_mode_params");
            s.execute("CREATE TABLE simple_mode_params (id int PRIMARY KEY, t text, b bytea)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO simple_mode_params VALUES (?, ?, ?)")) {
                p.setInt(1, 7);
                p.setString(2, "seven");
                p.setBytes(3, null);
                assertEquals(1, p.executeUpdate());
            }
            try (ResultSet rs = s.executeQuery("SELECT id, t, b IS NULL FROM simple_mode_params")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
                assertEquals("seven", rs.getString(2));
                assertTrue(rs.getBoolean(3));
                assertFalse(rs.next());
            }
            assertEquals("1 row of 2", shape(s, "SELECT * FROM (VALUES ((1), ('a'))) v"));
            assertEquals("2 rows of 1", shape(s, "SELECT * FROM (VALUES (1), (2)) v"));
            assertEquals("2 rows of 2", shape(s, "SELECT * FROM (VALUES ((1), 'a'), (2, ('b'))) v"));
            s.execute("DROP TABLE simple_mode_params");
        }
    }

    private static String shape(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            int rows = 0;
            while (rs.next()) rows++;
            return rows + (rows == 1 ? " row" : " rows") + " of " + rs.getMetaData().getColumnCount();
        }
    }
}
