package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Overloaded CREATE FUNCTION routines told apart by argument types, compared with PostgreSQL 15's
 * function resolution: an exact match, then implicit conversions (an integer to numeric, varchar to
 * text, date to timestamptz), unknown-typed literals and parameters preferring the string category,
 * the most exact matches and preferred types breaking ties, 42725 when candidates still tie (also
 * through a DEFAULT), 42883 with PostgreSQL's hint when none fits; DROP FUNCTION of one signature
 * leaves the other overloads.
 */
class RoutineOverloadsTest {

    private static final List<String> SIGNATURES = List.of("rov(int)", "rov(text)", "rov(numeric)", "rov2(int, int)", "rov2(bigint, text)",
            "rov3(int)", "rov3(int, int)", "rov4(float8)", "rov4(numeric)", "rov5(int)", "rov5(bool)", "rov6(date)", "rov6(timestamptz)");

    @OnBothDatabases
    void overloadsAreChosenByArgumentTypes(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String signature : SIGNATURES) s.execute("DROP FUNCTION IF EXISTS " + signature);
            s.execute("CREATE FUNCTION rov(int) RETURNS text AS $$ SELECT 'int' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov(text) RETURNS text AS $$ SELECT 'text' $$ LANGUAGE sql");
            assertEquals(List.of("int|text|text|int|text|text"),
                    Rows.of(s, "SELECT rov(1), rov('x'), rov('1'), rov(1::smallint), rov('a'::varchar), rov(NULL)"));
            PSQLException none = assertThrows(PSQLException.class, () -> s.executeQuery("SELECT rov(1.5)"));
            assertEquals("42883", none.getSQLState());
            assertEquals("function rov(numeric) does not exist", none.getServerErrorMessage().getMessage());
            assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
                    none.getServerErrorMessage().getHint());
            assertEquals("42883", stateOf(s, "SELECT rov(now())"));
            try (PreparedStatement p = c.prepareStatement("SELECT rov(?)")) {
                p.setString(1, "bound");  // pgJDBC sends a string parameter typed varchar: text's overload takes it
                assertEquals(List.of("text"), rows(p));
                p.setInt(1, 7);
                assertEquals(List.of("int"), rows(p));
            }

            s.execute("CREATE FUNCTION rov(numeric) RETURNS text AS $$ SELECT 'numeric' $$ LANGUAGE sql");
            assertEquals(List.of("numeric|int|numeric"), Rows.of(s, "SELECT rov(1.5), rov(1), rov(2::bigint)"));
            assertEquals("42883", stateOf(s, "SELECT rov(1::real)"));

            s.execute("CREATE FUNCTION rov2(int, int) RETURNS text AS $$ SELECT 'ii' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov2(bigint, text) RETURNS text AS $$ SELECT 'bt' $$ LANGUAGE sql");
            assertEquals(List.of("ii|bt"), Rows.of(s, "SELECT rov2(1, 2), rov2(1::bigint, '2')"));
            assertEquals(List.of("ii"), Rows.of(s, "SELECT rov2(1, '2')"));

            s.execute("CREATE FUNCTION rov3(int) RETURNS text AS $$ SELECT 'one' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov3(int, int DEFAULT 0) RETURNS text AS $$ SELECT 'two' $$ LANGUAGE sql");
            assertEquals(List.of("two"), Rows.of(s, "SELECT rov3(1, 2)"));
            PSQLException tie = assertThrows(PSQLException.class, () -> s.executeQuery("SELECT rov3(1)"));
            assertEquals("42725", tie.getSQLState());
            assertEquals("function rov3(integer) is not unique", tie.getServerErrorMessage().getMessage());

            s.execute("CREATE FUNCTION rov4(float8) RETURNS text AS $$ SELECT 'float8' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov4(numeric) RETURNS text AS $$ SELECT 'numeric' $$ LANGUAGE sql");
            assertEquals(List.of("float8|numeric|float8"), Rows.of(s, "SELECT rov4(1), rov4(1.5), rov4('1')"));

            s.execute("CREATE FUNCTION rov5(int) RETURNS text AS $$ SELECT 'int' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov5(bool) RETURNS text AS $$ SELECT 'bool' $$ LANGUAGE sql");
            assertEquals("42725", stateOf(s, "SELECT rov5('1')"));
            assertEquals(List.of("bool|int"), Rows.of(s, "SELECT rov5(true), rov5(1)"));

            s.execute("CREATE FUNCTION rov6(date) RETURNS text AS $$ SELECT 'date' $$ LANGUAGE sql");
            s.execute("CREATE FUNCTION rov6(timestamptz) RETURNS text AS $$ SELECT 'tstz' $$ LANGUAGE sql");
            assertEquals(List.of("tstz|date|tstz"), Rows.of(s, "SELECT rov6('2024-01-01'), rov6('2024-01-01'::date), rov6('2024-01-01 10:00'::timestamp)"));

            assertEquals(List.of("text"), Rows.of(s, "SELECT * FROM rov('q')"));
            s.execute("DROP FUNCTION rov(int)");
            assertEquals(List.of("numeric|text"), Rows.of(s, "SELECT rov(1), rov('x')"));
            assertEquals("42725", stateOf(s, "DROP FUNCTION rov"));
            s.execute("DROP FUNCTION rov(text)");
            s.execute("DROP FUNCTION rov");
            assertEquals(List.of(), Rows.of(s, "SELECT proname FROM pg_proc WHERE proname = 'rov'"));
            for (String signature : SIGNATURES) s.execute("DROP FUNCTION IF EXISTS " + signature);
        }
    }

    @OnBothDatabases
    void proceduresResolveTheSameWay(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP PROCEDURE IF EXISTS rov_note(int)",
                    "DROP PROCEDURE IF EXISTS rov_note(text)",
                    "DROP TABLE IF EXISTS rov_log",
                    "CREATE TABLE rov_log (note text)",
                    "CREATE PROCEDURE rov_note(n int) LANGUAGE sql AS $$ INSERT INTO rov_log VALUES ('int ' || n) $$",
                    "CREATE PROCEDURE rov_note(t text) LANGUAGE sql AS $$ INSERT INTO rov_log VALUES ('text ' || t) $$",
                    "CALL rov_note(1)",
                    "CALL rov_note('a')",
                    "CALL rov_note(t => 'b')")) {
                s.execute(sql);
            }
            assertEquals(List.of("int 1", "text a", "text b"), Rows.of(s, "SELECT note FROM rov_log ORDER BY note"));
            PSQLException none = assertThrows(PSQLException.class, () -> s.execute("CALL rov_note(true)"));
            assertEquals("42883", none.getSQLState());
            assertEquals("procedure rov_note(boolean) does not exist", none.getServerErrorMessage().getMessage());
            s.execute("DROP PROCEDURE rov_note(int)");
            s.execute("DROP PROCEDURE rov_note(text)");
            s.execute("DROP TABLE rov_log");
        }
    }

    private static List<String> rows(PreparedStatement p) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var rs = p.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
