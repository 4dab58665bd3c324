package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * OUT and INOUT parameters of functions (a row of named columns from FROM, a scalar when there is
 * one, RETURNS SETOF record with RETURN NEXT) and procedures (CREATE PROCEDURE, CALL returning the
 * INOUT values as one row, as pgJDBC's CallableStatement reads them, and into the variables passed
 * when PL/pgSQL calls it), compared with PostgreSQL 15,
 * with the SQLSTATEs of definitions PostgreSQL refuses and of calling one kind as the other, and the
 * command tags psql prints for CREATE / ALTER / DROP PROCEDURE and ROUTINE.
 */
class PlpgsqlOutParametersTest {

    @OnBothDatabases
    void functionsWithOutAndInoutParameters(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS outp_split(text)");
            s.execute("DROP FUNCTION IF EXISTS outp_inc(int, int)");
            s.execute("DROP FUNCTION IF EXISTS outp_bounds()");
            s.execute("DROP FUNCTION IF EXISTS outp_squares(int)");
            s.execute("DROP FUNCTION IF EXISTS outp_pair(int, int)");
            s.execute("DROP FUNCTION IF EXISTS outp_one(int)");
            s.execute("""
                    CREATE FUNCTION outp_split(full_name text, OUT first text, OUT last text) AS $$
                    BEGIN
                        first := split_part(full_name, ' ', 1);
                        last := split_part(full_name, ' ', 2);
                        IF last = '' THEN
                            last := NULL;
                            RETURN;
                        END IF;
                        last := upper(last);
                    END $$ LANGUAGE plpgsql""");
            try (ResultSet rs = s.executeQuery("SELECT * FROM outp_split('Ada Lovelace')")) {
                assertEquals("first", rs.getMetaData().getColumnName(1));
                assertEquals("last", rs.getMetaData().getColumnName(2));
            }
            assertEquals(List.of("Ada|LOVELACE"), Rows.of(s, "SELECT * FROM outp_split('Ada Lovelace')"));
            assertEquals(List.of("Plato|null"), Rows.of(s, "SELECT first, last FROM outp_split('Plato')"));

            s.execute("""
                    CREATE FUNCTION outp_inc(INOUT n int, step int DEFAULT 1) AS $$
                    BEGIN
                        n := n + step;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("6|15"), Rows.of(s, "SELECT outp_inc(5), outp_inc(5, 10)"));
            try (ResultSet rs = s.executeQuery("SELECT * FROM outp_inc(1)")) {
                assertEquals("n", rs.getMetaData().getColumnName(1));
            }

            // two unnamed INOUT parameters of one type: each result column is its own parameter
            s.execute("CREATE FUNCTION outp_pair(INOUT int, INOUT int) AS $$ BEGIN NULL; END $$ LANGUAGE plpgsql");
            assertEquals(List.of("3|4"), Rows.of(s, "SELECT * FROM outp_pair(3, 4)"));
            try (ResultSet rs = s.executeQuery("SELECT * FROM outp_pair(1, 2)")) {
                assertEquals("column1", rs.getMetaData().getColumnName(1));
                assertEquals("column2", rs.getMetaData().getColumnName(2));
            }
            s.execute("CREATE FUNCTION outp_one(INOUT int) AS $$ BEGIN NULL; END $$ LANGUAGE plpgsql");
            try (ResultSet rs = s.executeQuery("SELECT * FROM outp_one(1)")) {
                assertEquals("outp_one", rs.getMetaData().getColumnName(1));
            }

            s.execute("CREATE FUNCTION outp_bounds(OUT lo int, OUT hi int) AS 'SELECT 1, 5' LANGUAGE sql");
            assertEquals(List.of("1|5"), Rows.of(s, "SELECT * FROM outp_bounds()"));

            s.execute("""
                    CREATE FUNCTION outp_squares(n int, OUT i int, OUT square int) RETURNS SETOF record AS $$
                    BEGIN
                        FOR k IN 1..n LOOP
                            i := k;
                            square := k * k;
                            RETURN NEXT;
                        END LOOP;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("1|1", "2|4", "3|9"), Rows.of(s, "SELECT * FROM outp_squares(3)"));

            assertEquals(List.of("outp_inc|INOUT n integer, step integer DEFAULT 1|integer|f",
                            "outp_split|full_name text, OUT first text, OUT last text|record|f"),
                    Rows.of(s, "SELECT proname, pg_get_function_arguments(oid), pg_get_function_result(oid), prokind FROM pg_proc "
                            + "WHERE proname IN ('outp_split', 'outp_inc') ORDER BY 1"));

            assertEquals("42P13", stateOf(s, "CREATE FUNCTION outp_bad(OUT a int) RETURNS text AS 'SELECT 1' LANGUAGE sql"));
            assertEquals("42601", stateOf(s, "CREATE FUNCTION outp_bad(OUT a int) RETURNS TABLE (b int) AS 'SELECT 1' LANGUAGE sql"));
            assertEquals("42804", stateOf(s, "CREATE FUNCTION outp_bad(OUT a int) AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql"));
            assertEquals("42804", stateOf(s, "CREATE FUNCTION outp_bad() RETURNS SETOF int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql"));

            s.execute("DROP FUNCTION outp_split(text)");
            s.execute("DROP FUNCTION outp_inc(int, int)");
            s.execute("DROP FUNCTION outp_bounds()");
            s.execute("DROP FUNCTION outp_squares(int)");
            s.execute("DROP FUNCTION outp_pair(int, int)");
            s.execute("DROP FUNCTION outp_one(int)");
        }
    }

    @OnBothDatabases
    void proceduresCalledWithInoutParameters(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP PROCEDURE IF EXISTS outp_withdraw(numeric, numeric)");
            s.execute("DROP PROCEDURE IF EXISTS outp_note(text)");
            s.execute("DROP PROCEDURE IF EXISTS outp_ov(int, int)");
            s.execute("DROP PROCEDURE IF EXISTS outp_ov(int)");
            s.execute("DROP FUNCTION IF EXISTS outp_twice(int)");
            s.execute("DROP TABLE IF EXISTS outp_log");
            s.execute("CREATE TABLE outp_log (note text)");
            s.execute("""
                    CREATE PROCEDURE outp_withdraw(INOUT balance numeric, amount numeric) LANGUAGE plpgsql AS $$
                    BEGIN
                        IF amount > balance THEN
                            RAISE EXCEPTION 'insufficient funds' USING ERRCODE = 'P0010';
                        END IF;
                        balance := balance - amount;
                        INSERT INTO outp_log VALUES ('withdrew ' || amount);
                    END $$""");
            s.execute("CREATE PROCEDURE outp_note(note text) LANGUAGE sql AS $$ INSERT INTO outp_log VALUES (note) $$");
            s.execute("CREATE FUNCTION outp_twice(x int) RETURNS int AS 'SELECT 2 * x' LANGUAGE sql");

            try (ResultSet rs = s.executeQuery("CALL outp_withdraw(100, 30)")) {
                assertEquals("balance", rs.getMetaData().getColumnName(1));
            }
            try (CallableStatement call = c.prepareCall("CALL outp_withdraw(?, ?)")) {
                call.registerOutParameter(1, Types.NUMERIC);
                call.setBigDecimal(1, new BigDecimal("50"));
                call.setBigDecimal(2, new BigDecimal("20"));
                call.execute();
                assertEquals(new BigDecimal("30"), call.getBigDecimal(1));
            }
            assertFalse(s.execute("CALL outp_note('plain')"));
            s.execute("DO $$ BEGIN CALL outp_note('from do'); END $$");
            s.execute("""
                    DO $$
                    DECLARE
                        b numeric := 80;
                    BEGIN
                        CALL outp_withdraw(b, 4);
                        CALL public.outp_withdraw(b, 5);
                        CALL outp_note('left ' || b);
                    END $$""");
            // overloads: the INOUT results go back as the overload the CALL ran (not the older two-argument one) says
            s.execute("CREATE PROCEDURE outp_ov(a int, b int) LANGUAGE plpgsql AS $$ BEGIN NULL; END $$");
            s.execute("CREATE PROCEDURE outp_ov(INOUT a int) LANGUAGE plpgsql AS $$ BEGIN a := a * 2; END $$");
            s.execute("DO $$ DECLARE x int := 5; BEGIN CALL outp_ov(x); CALL outp_note('doubled ' || x); END $$");
            assertEquals("P0010", stateOf(s, "CALL outp_withdraw(1, 30)"));
            assertEquals("42601", stateOf(s, "DO $$ BEGIN CALL outp_withdraw(10, 5); END $$"));
            assertEquals(List.of("doubled 10", "from do", "left 71", "plain", "withdrew 20", "withdrew 30", "withdrew 4", "withdrew 5"),
                    Rows.of(s, "SELECT note FROM outp_log ORDER BY note"));

            assertEquals("42809", stateOf(s, "SELECT outp_note('x')"));
            assertEquals("42809", stateOf(s, "SELECT * FROM outp_note('x')"));
            assertEquals("42809", stateOf(s, "CALL outp_twice(1)"));
            assertEquals("42883", stateOf(s, "CALL outp_nosuch(1)"));
            assertEquals(List.of("outp_note|p|IN note text|null"), Rows.of(s,
                    "SELECT proname, prokind, pg_get_function_arguments(oid), pg_get_function_result(oid) FROM pg_proc WHERE proname = 'outp_note'"));

            s.execute("DROP PROCEDURE outp_withdraw(numeric, numeric)");
            s.execute("DROP PROCEDURE outp_note(text)");
            s.execute("DROP PROCEDURE outp_ov(int, int)");
            s.execute("DROP PROCEDURE outp_ov(int)");
            s.execute("DROP FUNCTION outp_twice(int)");
            s.execute("DROP TABLE outp_log");
        }
    }

    @OnBothDatabases
    void commandTagsNameTheKindOfRoutine(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP PROCEDURE IF EXISTS outp_tagged()");
        }
        assertEquals("CREATE PROCEDURE\n", Psql.printed(db, "CREATE PROCEDURE outp_tagged() LANGUAGE sql AS 'SELECT 1'"));
        assertEquals("ALTER PROCEDURE\n", Psql.printed(db, "ALTER PROCEDURE outp_tagged() SET work_mem = '2MB'"));
        assertEquals("ALTER ROUTINE\n", Psql.printed(db, "ALTER ROUTINE outp_tagged() RESET work_mem"));
        assertEquals("DROP PROCEDURE\n", Psql.printed(db, "DROP PROCEDURE outp_tagged()"));
    }
}
