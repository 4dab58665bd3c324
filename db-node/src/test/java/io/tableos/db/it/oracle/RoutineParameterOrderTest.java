package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Routines whose IN, OUT and INOUT parameters interleave, compared with PostgreSQL 15: a call passes
 * the inputs in declared order, the result's columns are the outputs in declared order, {@code $n}
 * in a PL/pgSQL body counts every parameter (in a SQL body only the inputs, 42P02 beyond them when
 * created), pg_proc lists them as declared, and pgJDBC's CallableStatement binds {@code {call f(?, ?, ?, ?)}}
 * with the OUT parameters' placeholders (which it types void and the server drops). A PL/pgSQL CALL
 * writes INOUT results back to the variables given for them, by position or by name. Procedures may have
 * OUT parameters (PostgreSQL 14+), which a CALL gives arguments for.
 */
class RoutineParameterOrderTest {

    @OnBothDatabases
    void mixedParametersKeepTheirDeclaredOrder(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS rpo_mixed(int, int)");
            s.execute("DROP FUNCTION IF EXISTS rpo_inout(int, int)");
            s.execute("""
                    CREATE FUNCTION rpo_mixed(a int, OUT b int, c int, OUT d text) AS $$
                    BEGIN
                        b := a * 10 + c;
                        d := $1 || '/' || $3 || '/' || coalesce($2::text, 'n');
                    END $$ LANGUAGE plpgsql""");
            try (ResultSet rs = s.executeQuery("SELECT * FROM rpo_mixed(1, 2)")) {
                assertEquals("b", rs.getMetaData().getColumnName(1));
                assertEquals("d", rs.getMetaData().getColumnName(2));
            }
            assertEquals(List.of("12|1/2/12"), Rows.of(s, "SELECT * FROM rpo_mixed(1, 2)"));
            assertEquals(List.of("65|6/5/65"), Rows.of(s, "SELECT b, d FROM rpo_mixed(c => 5, a => 6)"));
            assertEquals(List.of("a integer, OUT b integer, c integer, OUT d text|{a,b,c,d}|{i,o,i,o}|{23,23,23,25}|2"),
                    Rows.of(s, "SELECT pg_get_function_arguments(oid), proargnames, proargmodes, proallargtypes, pronargs FROM pg_proc "
                            + "WHERE proname = 'rpo_mixed'"));

            // $n is the n-th declared parameter, OUT ones included, and can be assigned
            s.execute("""
                    CREATE FUNCTION rpo_inout(INOUT y int, a int, OUT x int) AS $$
                    BEGIN
                        x := $1 + $2;
                        y := y * 2;
                        $3 := $3 + 1;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("2|4"), Rows.of(s, "SELECT * FROM rpo_inout(1, 2)"));

            // a SQL body's $n counts only the inputs: PostgreSQL refuses $3 of two inputs when the function is created
            assertEquals("42P02", stateOf(s, "CREATE FUNCTION rpo_sql(OUT x int, a int, INOUT y int, OUT z int) AS 'SELECT $2, $2 + $3, $3' LANGUAGE sql"));
            s.execute("DROP FUNCTION IF EXISTS rpo_sql(int, int)");
            s.execute("CREATE FUNCTION rpo_sql(OUT x int, a int, INOUT y int, OUT z int) AS 'SELECT $1, $1 + $2, $2 * 10' LANGUAGE sql");
            assertEquals(List.of("3|7|40"), Rows.of(s, "SELECT * FROM rpo_sql(3, 4)"));

            try (CallableStatement call = c.prepareCall("{call rpo_mixed(?, ?, ?, ?)}")) {
                call.setInt(1, 3);
                call.registerOutParameter(2, Types.INTEGER);
                call.setInt(3, 4);
                call.registerOutParameter(4, Types.VARCHAR);
                call.execute();
                assertEquals(34, call.getInt(2));
                assertEquals("3/4/34", call.getString(4));
            }
            s.execute("DROP FUNCTION rpo_mixed(a int, OUT b int, c int, OUT d text)");
            s.execute("DROP FUNCTION rpo_inout(int, int)");
            s.execute("DROP FUNCTION rpo_sql(int, int)");
        }
    }

    @OnBothDatabases
    void proceduresWithOutParameters(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP PROCEDURE IF EXISTS rpo_proc(int, int)");
            s.execute("CREATE PROCEDURE rpo_proc(a int, OUT b int, INOUT c int) LANGUAGE plpgsql AS $$ BEGIN b := a * 2; c := c + a; END $$");
            // a CALL gives the OUT parameter an argument too (customarily NULL), never read
            try (ResultSet rs = s.executeQuery("CALL rpo_proc(1, NULL, 5)")) {
                assertEquals("b", rs.getMetaData().getColumnName(1));
                assertEquals("c", rs.getMetaData().getColumnName(2));
            }
            assertEquals(List.of("2|6"), Rows.of(s, "CALL rpo_proc(1, 99, 5)"));
            assertEquals(List.of("2|6"), Rows.of(s, "CALL rpo_proc(c => 5, a => 1, b => NULL)"));
            assertEquals("42883", stateOf(s, "CALL rpo_proc(1, 5)"));
            assertEquals("42883", stateOf(s, "CALL rpo_proc(1, 'abc'::text, 5)"));
            assertEquals(List.of("2|IN a integer, OUT b integer, INOUT c integer"),
                    Rows.of(s, "SELECT pronargs, pg_get_function_arguments(oid) FROM pg_proc WHERE proname = 'rpo_proc'"));
            try (CallableStatement call = c.prepareCall("CALL rpo_proc(?, ?, ?)")) {
                call.setInt(1, 4);
                call.registerOutParameter(2, Types.INTEGER);
                call.registerOutParameter(3, Types.INTEGER);
                call.setInt(3, 10);
                call.execute();
                assertEquals(8, call.getInt(2));
                assertEquals(14, call.getInt(3));
            }
            // pgJDBC's {call} escape runs SELECT * FROM rpo_proc(?, ?), which finds the procedure by its inputs
            try (CallableStatement call = c.prepareCall("{call rpo_proc(?, ?, ?)}")) {
                call.setInt(1, 4);
                call.registerOutParameter(2, Types.INTEGER);
                call.registerOutParameter(3, Types.INTEGER);
                call.setInt(3, 10);
                assertEquals("42809", assertThrows(SQLException.class, call::execute).getSQLState());
            }
            s.execute("DROP TABLE IF EXISTS rpo_out_log");
            s.execute("CREATE TABLE rpo_out_log (note text)");
            s.execute("DO $$ DECLARE x int; y int := 10; BEGIN CALL rpo_proc(3, x, y); INSERT INTO rpo_out_log VALUES (x || ' ' || y); END $$");
            assertEquals(List.of("6 13"), Rows.of(s, "SELECT note FROM rpo_out_log"));
            s.execute("DROP TABLE rpo_out_log");
            s.execute("DROP PROCEDURE rpo_proc(int, int)");
        }
    }

    @OnBothDatabases
    void aPlpgsqlCallWritesInoutResultsBackByPositionOrName(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP PROCEDURE IF EXISTS rpo_swap(int, int, int)");
            s.execute("DROP TABLE IF EXISTS rpo_log");
            s.execute("CREATE TABLE rpo_log (note text)");
            s.execute("""
                    CREATE PROCEDURE rpo_swap(INOUT first int, step int, INOUT second int) LANGUAGE plpgsql AS $$
                    DECLARE
                        kept int := first;
                    BEGIN
                        first := second + step;
                        second := kept + step;
                    END $$""");
            s.execute("""
                    DO $$
                    DECLARE
                        p int := 1;
                        q int := 2;
                    BEGIN
                        CALL rpo_swap(p, 10, q);
                        INSERT INTO rpo_log VALUES ('positional ' || p || ' ' || q);
                        CALL rpo_swap(second => q, step => 100, first => p);
                        INSERT INTO rpo_log VALUES ('named ' || p || ' ' || q);
                    END $$""");
            assertEquals(List.of("named 111 112", "positional 12 11"), Rows.of(s, "SELECT note FROM rpo_log ORDER BY note"));
            assertEquals("42601", stateOf(s, "DO $$ DECLARE p int := 1; BEGIN CALL rpo_swap(p, 1, 5); END $$"));
            assertEquals("42601", stateOf(s, "DO $$ DECLARE p int := 1; BEGIN CALL rpo_swap(second => 5, step => 1, first => p); END $$"));
            s.execute("DROP PROCEDURE rpo_swap(int, int, int)");
            s.execute("DROP TABLE rpo_log");
        }
    }
}
