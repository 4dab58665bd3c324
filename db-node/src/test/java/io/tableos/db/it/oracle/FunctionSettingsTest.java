package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A function's own settings (CREATE FUNCTION ... SET search_path, ALTER FUNCTION ... SET/RESET)
 * and SECURITY DEFINER, compared with PostgreSQL 15: the setting is in effect while the body runs
 * (names resolve through it, current_setting shows it) and the caller's value is back afterwards,
 * also when the body raised.
 */
class FunctionSettingsTest {

    @OnBothDatabases
    void searchPathOfTheFunctionWhileItRunsAndTheCallersAfter(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS fnset_which()");
            s.execute("DROP FUNCTION IF EXISTS fnset_fail()");
            s.execute("DROP TABLE IF EXISTS fnset_t");
            s.execute("DROP SCHEMA IF EXISTS fnset_a CASCADE");
            s.execute("CREATE SCHEMA fnset_a");
            s.execute("CREATE TABLE fnset_a.fnset_t (v text)");
            s.execute("CREATE TABLE fnset_t (v text)");
            s.execute("INSERT INTO fnset_a.fnset_t VALUES ('from fnset_a')");
            s.execute("INSERT INTO fnset_t VALUES ('from public')");
            s.execute("""
                    CREATE FUNCTION fnset_which() RETURNS text AS $$
                    BEGIN
                        RETURN (SELECT v FROM fnset_t) || ' with ' || current_setting('search_path');
                    END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = fnset_a, public""");
            assertEquals(List.of("from fnset_a with fnset_a, public|\"$user\", public"),
                    Rows.of(s, "SELECT fnset_which(), current_setting('search_path')"));
            assertEquals(List.of("from public"), Rows.of(s, "SELECT v FROM fnset_t"));

            s.execute("ALTER FUNCTION fnset_which() RESET search_path");
            assertEquals(List.of("from public with \"$user\", public"), Rows.of(s, "SELECT fnset_which()"));
            s.execute("ALTER FUNCTION fnset_which() SET search_path TO fnset_a");
            s.execute("ALTER FUNCTION fnset_which() SECURITY DEFINER");
            assertEquals(List.of("from fnset_a with fnset_a"), Rows.of(s, "SELECT fnset_which()"));

            s.execute("""
                    CREATE FUNCTION fnset_fail() RETURNS int AS $$
                    BEGIN
                        RAISE EXCEPTION 'failed under %', current_setting('search_path') USING ERRCODE = 'P0009';
                    END $$ LANGUAGE plpgsql SET search_path = fnset_a""");
            assertEquals("P0009", stateOf(s, "SELECT fnset_fail()"));
            assertEquals(List.of("\"$user\", public|from public"), Rows.of(s, "SELECT current_setting('search_path'), (SELECT v FROM fnset_t)"));

            s.execute("DROP FUNCTION fnset_which()");
            s.execute("DROP FUNCTION fnset_fail()");
            s.execute("DROP TABLE fnset_t");
            s.execute("DROP SCHEMA fnset_a CASCADE");
        }
    }
}
