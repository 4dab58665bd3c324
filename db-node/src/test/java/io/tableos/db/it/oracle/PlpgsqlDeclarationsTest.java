package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PL/pgSQL declarations of borrowed types, compared with PostgreSQL 15: {@code table.column%TYPE}
 * (with the column's numeric scale), {@code variable%TYPE}, {@code table%ROWTYPE} and a table name
 * as a row type (fields null until assigned, filled by SELECT INTO and FOR by position), and
 * {@code record} variables with field access; the SQLSTATEs of a missing table or column (42601 for %TYPE, whose name PostgreSQL then reads as a malformed type name), a
 * missing field, and a record read before it was assigned. Also %TYPE in a function's signature and
 * functions returning a table's row type (RETURNS [SETOF] table).
 */
class PlpgsqlDeclarationsTest {

    @OnBothDatabases
    void typeAndRowtypeDeclarations(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS decl_describe(int)");
            s.execute("DROP TABLE IF EXISTS decl_items");
            s.execute("CREATE TABLE decl_items (id int PRIMARY KEY, name text, qty numeric(10,2))");
            s.execute("INSERT INTO decl_items VALUES (1, 'bolt', 2.5), (2, 'nut', 4)");
            s.execute("""
                    CREATE FUNCTION decl_describe(want int) RETURNS text AS $$
                    DECLARE
                        q decl_items.qty%TYPE := 1.239;
                        n public.decl_items.name%TYPE;
                        twice q%TYPE;
                        r decl_items%ROWTYPE;
                        whole decl_items;
                        rec record;
                        total decl_items.qty%TYPE := 0;
                    BEGIN
                        twice := q * 2.001;
                        SELECT * INTO r FROM decl_items WHERE id = want;
                        n := r.name;
                        r.qty := r.qty + q;
                        SELECT name, id INTO rec FROM decl_items WHERE id = want;
                        whole.name := 'x';
                        FOR whole IN SELECT * FROM decl_items ORDER BY id LOOP
                            total := total + whole.qty;
                        END LOOP;
                        RETURN n || ':' || r.qty || ':' || twice || ':' || rec.name || rec.id || ':' || whole.name || ':' || total;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("bolt:3.74:2.48:bolt1:nut:6.50"), Rows.of(s, "SELECT decl_describe(1)"));
            s.execute("DO $$ DECLARE r decl_items%ROWTYPE; BEGIN IF r.id IS NOT NULL OR r.name IS NOT NULL THEN RAISE 'set'; END IF; END $$");

            assertEquals("42601", stateOf(s, "DO $$ DECLARE x decl_nosuch.qty%TYPE; BEGIN NULL; END $$"));
            assertEquals("42601", stateOf(s, "DO $$ DECLARE x decl_items.nosuch%TYPE; BEGIN NULL; END $$"));
            assertEquals("42601", stateOf(s, "DO $$ DECLARE x decl_nosuch%TYPE; BEGIN NULL; END $$"));
            assertEquals("42P01", stateOf(s, "DO $$ DECLARE r decl_nosuch%ROWTYPE; BEGIN NULL; END $$"));
            assertEquals("42P01", stateOf(s, """
                    CREATE FUNCTION decl_bad() RETURNS int AS $$
                    DECLARE r decl_nosuch%ROWTYPE; BEGIN RETURN 1; END $$ LANGUAGE plpgsql"""));
            assertEquals("42703", stateOf(s, "DO $$ DECLARE rec record; BEGIN SELECT 1 AS a INTO rec; RAISE NOTICE '%', rec.nosuch; END $$"));
            assertEquals("55000", stateOf(s, "DO $$ DECLARE rec record; BEGIN RAISE NOTICE '%', rec.a; END $$"));
            assertEquals("42703", stateOf(s, "DO $$ DECLARE r decl_items%ROWTYPE; BEGIN r.nosuch := 1; END $$"));
            assertEquals("42703", stateOf(s, "DO $$ DECLARE r decl_items%ROWTYPE; BEGIN RAISE NOTICE '%', r.nosuch; END $$"));
            s.execute("DROP FUNCTION decl_describe(int)");
            s.execute("DROP TABLE decl_items");
        }
    }

    @OnBothDatabases
    void typeReferencesInSignaturesAndFunctionsReturningATablesRows(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS decl_users CASCADE");
            s.execute("CREATE TABLE decl_users (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO decl_users VALUES (1, 'ann'), (2, 'bob')");
            s.execute("CREATE FUNCTION decl_name_of(p_id decl_users.id%TYPE) RETURNS decl_users.name%TYPE AS "
                    + "'SELECT name FROM decl_users WHERE id = p_id' LANGUAGE sql");
            s.execute("""
                    CREATE FUNCTION decl_all() RETURNS SETOF decl_users AS $$
                    BEGIN
                        RETURN QUERY SELECT * FROM decl_users ORDER BY id;
                    END $$ LANGUAGE plpgsql""");
            s.execute("""
                    CREATE FUNCTION decl_renamed(suffix text) RETURNS SETOF decl_users AS $$
                    DECLARE
                        u decl_users;
                    BEGIN
                        FOR u IN SELECT * FROM decl_users ORDER BY id DESC LOOP
                            u.name := u.name || suffix;
                            RETURN NEXT u;
                        END LOOP;
                    END $$ LANGUAGE plpgsql""");
            s.execute("""
                    CREATE FUNCTION decl_one(p int) RETURNS decl_users AS $$
                    DECLARE
                        u decl_users%ROWTYPE;
                    BEGIN
                        SELECT * INTO u FROM decl_users WHERE id = p;
                        RETURN u;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE FUNCTION decl_first() RETURNS decl_users AS 'SELECT * FROM decl_users ORDER BY id LIMIT 1' LANGUAGE sql");
            assertEquals(List.of("bob"), Rows.of(s, "SELECT decl_name_of(2)"));
            assertEquals(List.of("1|ann", "2|bob"), Rows.of(s, "SELECT * FROM decl_all()"));
            assertEquals(List.of("bob!", "ann!"), Rows.of(s, "SELECT name FROM decl_renamed('!')"));
            assertEquals(List.of("2|bob"), Rows.of(s, "SELECT * FROM decl_one(2)"));
            assertEquals(List.of("null|null"), Rows.of(s, "SELECT * FROM decl_one(3)"));
            assertEquals(List.of("1|ann"), Rows.of(s, "SELECT id, name FROM decl_first()"));
            assertEquals(List.of("decl_all||SETOF decl_users", "decl_name_of|p_id integer|text", "decl_one|p integer|decl_users"),
                    Rows.of(s, "SELECT proname, pg_get_function_arguments(oid), pg_get_function_result(oid) FROM pg_proc "
                            + "WHERE proname IN ('decl_name_of', 'decl_all', 'decl_one') ORDER BY 1"));
            assertEquals("42703", stateOf(s, "CREATE FUNCTION decl_bad(p decl_users.nosuch%TYPE) RETURNS int AS 'SELECT 1' LANGUAGE sql"));
            assertEquals("42P01", stateOf(s, "CREATE FUNCTION decl_bad(p decl_nosuch.id%TYPE) RETURNS int AS 'SELECT 1' LANGUAGE sql"));
            s.execute("DROP TABLE decl_users CASCADE");
            s.execute("DROP FUNCTION IF EXISTS decl_name_of(int)");
            s.execute("DROP FUNCTION IF EXISTS decl_all()");
            s.execute("DROP FUNCTION IF EXISTS decl_renamed(text)");
            s.execute("DROP FUNCTION IF EXISTS decl_one(int)");
            s.execute("DROP FUNCTION IF EXISTS decl_first()");
        }
    }
}
