package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * search_path, compared with PostgreSQL 15: pgJDBC's currentSchema, Flyway's and Liquibase's
 * schema settings and Hibernate's default schema all rely on it. Unqualified names are
 * created in the first existing schema of the path and found in the first schema holding them;
 * current_schema(), current_schemas(), nextval('s') and 'name'::regclass follow the path, and
 * one statement text means different tables under different paths (the plan cache must not mix
 * them up).
 */
class SearchPathTest {

    private static void setUp(Statement s) throws SQLException {
        s.execute("DROP SCHEMA IF EXISTS sp_a CASCADE");
        s.execute("DROP SCHEMA IF EXISTS sp_b CASCADE");
        s.execute("DROP TABLE IF EXISTS sp_shared");
        s.execute("DROP TABLE IF EXISTS sp_same");
        s.execute("CREATE SCHEMA sp_a");
        s.execute("CREATE SCHEMA sp_b");
        s.execute("CREATE TABLE sp_shared (v text)");
        s.execute("INSERT INTO sp_shared VALUES ('public')");
        s.execute("CREATE TABLE sp_same (v text)");
        s.execute("INSERT INTO sp_same VALUES ('public')");
    }

    @OnBothDatabases
    void unqualifiedNamesFollowTheSearchPath(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            setUp(s);
        }
        try (Connection c = db.connect("currentSchema=sp_a,public"); Statement s = c.createStatement()) {
            assertEquals(List.of("sp_a"), Rows.of(s, "SELECT current_schema()"));
            assertEquals(List.of("{sp_a,public}"), Rows.of(s, "SELECT current_schemas(false)"));
            assertEquals(List.of("{pg_catalog,sp_a,public}"), Rows.of(s, "SELECT current_schemas(true)"));
            s.execute("CREATE TABLE sp_item (id serial PRIMARY KEY, name text)");
            s.execute("CREATE SEQUENCE sp_counter");
            s.execute("CREATE VIEW sp_item_names AS SELECT name FROM sp_item");
            s.execute("CREATE INDEX sp_item_name_idx ON sp_item (name)");
            s.execute("INSERT INTO sp_item (name) VALUES ('x'), ('y')");
            assertEquals(List.of("sp_a|sp_item", "sp_a|sp_item_names"), Rows.of(s, "SELECT table_schema, table_name FROM information_schema.tables "
                    + "WHERE table_name LIKE 'sp_item%' ORDER BY table_name"));
            assertEquals(List.of("sp_a"), Rows.of(s, "SELECT schemaname FROM pg_indexes WHERE indexname = 'sp_item_name_idx'"));
            assertEquals(List.of("1|2"), Rows.of(s, "SELECT nextval('sp_counter'), (SELECT max(id) FROM sp_item)"));
            assertEquals(List.of("sp_item|sp_a"), Rows.of(s, "SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE c.oid = 'sp_item'::regclass"));
            assertEquals(List.of("t"), Rows.of(s, "SELECT to_regclass('sp_item_names') IS NOT NULL"));
            assertEquals(List.of("x", "y"), Rows.of(s, "SELECT name FROM sp_item_names ORDER BY name"));
            assertEquals(List.of("public"), Rows.of(s, "SELECT v FROM sp_shared"), "a later schema of the path");

            s.execute("CREATE TABLE sp_same (v text)");
            s.execute("INSERT INTO sp_same VALUES ('sp_a')");
            assertEquals(List.of("sp_a"), Rows.of(s, "SELECT v FROM sp_same"), "the first schema holding the name wins");

            s.execute("SET search_path TO sp_b, public");
            assertEquals(List.of("sp_b"), Rows.of(s, "SELECT current_schema()"));
            assertEquals("42P01", ErrorCodesTest.stateOf(s, "SELECT * FROM sp_item"));
            assertEquals(List.of("public"), Rows.of(s, "SELECT v FROM sp_same"));
            s.execute("CREATE TABLE sp_item (id int)");
            assertEquals(List.of("sp_a", "sp_b"), Rows.of(s, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'sp_item' ORDER BY 1"));
            s.execute("DROP TABLE sp_item");
            assertEquals(List.of("sp_a"), Rows.of(s, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'sp_item'"));

            s.execute("SET search_path TO no_such_schema, sp_b");
            assertEquals(List.of("sp_b"), Rows.of(s, "SELECT current_schema()"), "schemas that do not exist are skipped");
            s.execute("SET search_path TO no_such_schema");
            assertEquals(List.of("null"), Rows.of(s, "SELECT current_schema()"));
            assertEquals("3F000", ErrorCodesTest.stateOf(s, "CREATE TABLE sp_nowhere (id int)"));
        }
    }

    @OnBothDatabases
    void oneStatementTextMeansEachSessionsTable(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            setUp(s);
            s.execute("CREATE TABLE sp_a.sp_same (v text)");
            s.execute("INSERT INTO sp_a.sp_same VALUES ('sp_a')");
        }
        try (Connection a = db.connect("currentSchema=sp_a"); Connection p = db.connect();
                Statement sa = a.createStatement(); Statement sp = p.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of("sp_a"), Rows.of(sa, "SELECT v FROM sp_same"));
                assertEquals(List.of("public"), Rows.of(sp, "SELECT v FROM sp_same"));
            }
        }
    }
}
