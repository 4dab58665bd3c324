package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Positional parameter references and VARIADIC parameters, compared with PostgreSQL 15: {@code ALIAS
 * FOR $n} (and for another variable, NEW included), {@code $n} read and assigned, 42704 for an alias
 * of nothing and 42P02 when a body's {@code $n} runs past the parameters; a VARIADIC array parameter
 * called with a list of values or with {@code VARIADIC array}, 42883 for none and for a bare array
 * or a named VARIADIC argument, 42P13 for a VARIADIC parameter that is not the last input or not an
 * array, and how pg_proc shows it.
 */
class PlpgsqlVariadicAndAliasTest {

    @OnBothDatabases
    void aliasesAndPositionalReferences(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS pva_alias(int, text)");
            s.execute("DROP FUNCTION IF EXISTS pva_past(int)");
            s.execute("DROP FUNCTION IF EXISTS pva_bad(int)");
            s.execute("""
                    CREATE FUNCTION pva_alias(int, text) RETURNS text AS $$
                    DECLARE
                        n ALIAS FOR $1;
                        t ALIAS FOR $2;
                        again ALIAS FOR n;
                    BEGIN
                        again := again + 1;
                        $2 := $2 || '!';
                        RETURN t || n || $1;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("x!22"), Rows.of(s, "SELECT pva_alias(1, 'x')"));
            assertEquals("42704", stateOf(s, "CREATE FUNCTION pva_bad(int) RETURNS int AS $$ DECLARE n ALIAS FOR $2; BEGIN RETURN 1; END $$ LANGUAGE plpgsql"));
            assertEquals("42704", stateOf(s, "CREATE FUNCTION pva_bad(int) RETURNS int AS $$ DECLARE n ALIAS FOR nosuch; BEGIN RETURN 1; END $$ LANGUAGE plpgsql"));
            // PL/pgSQL checks $n when the statement runs, not when the function is created
            s.execute("CREATE FUNCTION pva_past(int) RETURNS int AS $$ BEGIN RETURN $2; END $$ LANGUAGE plpgsql");
            assertEquals("42P02", stateOf(s, "SELECT pva_past(1)"));

            s.execute("DROP TABLE IF EXISTS pva_rows");
            s.execute("CREATE TABLE pva_rows (x int)");
            s.execute("""
                    CREATE OR REPLACE FUNCTION pva_trigger() RETURNS trigger AS $$
                    DECLARE
                        fresh ALIAS FOR new;
                    BEGIN
                        fresh.x := fresh.x * 100;
                        RETURN fresh;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER pva_trigger BEFORE INSERT ON pva_rows FOR EACH ROW EXECUTE FUNCTION pva_trigger()");
            s.execute("INSERT INTO pva_rows VALUES (3)");
            assertEquals(List.of("300"), Rows.of(s, "SELECT x FROM pva_rows"));
            for (String sql : List.of("DROP TABLE pva_rows",
                    "DROP FUNCTION pva_trigger()",
                    "DROP FUNCTION pva_alias(int, text)",
                    "DROP FUNCTION pva_past(int)")) {
                s.execute(sql);
            }
        }
    }

    @OnBothDatabases
    void variadicParameters(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS pva_sum(int[])");
            s.execute("DROP FUNCTION IF EXISTS pva_join(text, text[])");
            s.execute("CREATE FUNCTION pva_sum(VARIADIC nums int[]) RETURNS int AS $$ SELECT sum(x)::int FROM unnest(nums) x $$ LANGUAGE sql");
            assertEquals(List.of("1|6|9"), Rows.of(s, "SELECT pva_sum(1), pva_sum(1, 2, 3), pva_sum(VARIADIC ARRAY[4, 5])"));
            assertEquals("42883", stateOf(s, "SELECT pva_sum()"));
            assertEquals("42883", stateOf(s, "SELECT pva_sum(ARRAY[1, 2])"));
            s.execute("""
                    CREATE FUNCTION pva_join(sep text, VARIADIC parts text[]) RETURNS text AS $$
                    BEGIN
                        RETURN array_to_string(parts, sep) || ' ' || array_length(parts, 1) || ' ' || array_length($2, 1);
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("a-b-c 3 3|x 1 1|p/q 2 2"),
                    Rows.of(s, "SELECT pva_join('-', 'a', 'b', 'c'), pva_join('+', 'x'), pva_join('/', VARIADIC ARRAY['p', 'q'])"));
            assertEquals(List.of("9 2 2 2"), Rows.of(s, "SELECT * FROM pva_join(' ', '9', '2')"));
            assertEquals("42883", stateOf(s, "SELECT pva_join(sep => '/', parts => ARRAY['p', 'q'])"));
            assertEquals(List.of("pva_join|sep text, VARIADIC parts text[]|25|{i,v}", "pva_sum|VARIADIC nums integer[]|23|{v}"),
                    Rows.of(s, "SELECT proname, pg_get_function_arguments(oid), provariadic::int, proargmodes FROM pg_proc "
                            + "WHERE proname IN ('pva_sum', 'pva_join') ORDER BY 1"));
            assertEquals("42P13", stateOf(s, "CREATE FUNCTION pva_bad(VARIADIC a int) RETURNS int AS 'SELECT 1' LANGUAGE sql"));
            assertEquals("42P13", stateOf(s, "CREATE FUNCTION pva_bad(VARIADIC a int[], b int) RETURNS int AS 'SELECT 1' LANGUAGE sql"));
            s.execute("DROP FUNCTION pva_sum(int[])");
            s.execute("DROP FUNCTION pva_join(text, VARIADIC text[])");
        }
    }
}
