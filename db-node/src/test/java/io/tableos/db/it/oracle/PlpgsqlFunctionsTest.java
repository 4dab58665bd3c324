package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Server-side functions in LANGUAGE sql and plpgsql, DO blocks, CREATE OR REPLACE, ALTER FUNCTION
 * SET and DROP FUNCTION, compared with PostgreSQL 15: the control flow real schemas use, default
 * arguments and named notation, set-returning functions in FROM, and error SQLSTATEs.
 */
class PlpgsqlFunctionsTest {

    /** Arguments that read the row: in the select list, WHERE, a correlated subquery and a CHECK constraint (a node failed with XX000). */
    @OnBothDatabases
    void argumentsThatReadTheRow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS fn_rows");
            s.execute("DROP FUNCTION IF EXISTS fn_twice(int)");
            s.execute("CREATE FUNCTION fn_twice(x int) RETURNS int AS $$ SELECT x * 2 $$ LANGUAGE sql IMMUTABLE");
            s.execute("CREATE TABLE fn_rows (id int PRIMARY KEY, v int CONSTRAINT fn_rows_small CHECK (fn_twice(v) < 100))");
            s.execute("INSERT INTO fn_rows VALUES (1, 10), (2, 40)");
            assertEquals("23514", stateOf(s, "INSERT INTO fn_rows VALUES (3, 60)"));
            assertEquals(List.of("1|20", "2|80"), Rows.of(s, "SELECT id, fn_twice(v) FROM fn_rows ORDER BY id"));
            assertEquals(List.of("2"), Rows.of(s, "SELECT id FROM fn_rows WHERE fn_twice(v) > 50"));
            assertEquals(List.of("1|1"), Rows.of(s, "SELECT o.id, (SELECT count(*) FROM fn_rows i WHERE fn_twice(i.v) <= fn_twice(o.v)) FROM fn_rows o"
                    + " WHERE o.id = 1"));
            s.execute("DROP TABLE fn_rows");
            s.execute("DROP FUNCTION fn_twice(int)");
        }
    }

    @OnBothDatabases
    void sqlAndPlpgsqlFunctionsWithDefaultsAndNamedArguments(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS fn_add(int, int)");
            s.execute("DROP FUNCTION IF EXISTS fn_greet(text, text)");
            s.execute("CREATE FUNCTION fn_add(a int, b int DEFAULT 10) RETURNS int AS $$ SELECT a + $2 $$ LANGUAGE sql");
            assertEquals(List.of("3|12"), Rows.of(s, "SELECT fn_add(1, 2), fn_add(2)"));
            s.execute("""
                    CREATE FUNCTION fn_greet(name text, greeting text DEFAULT 'hello') RETURNS text AS $$
                    DECLARE
                        result text := greeting || ', ' || name;
                    BEGIN
                        IF name IS NULL OR name = '' THEN
                            RAISE EXCEPTION 'name must be given';
                        END IF;
                        RETURN result || '!';
                    END;
                    $$ LANGUAGE plpgsql""");
            assertEquals(List.of("hello, ann!|hi, bob!|hey, cy!"),
                    Rows.of(s, "SELECT fn_greet('ann'), fn_greet('bob', 'hi'), fn_greet(greeting => 'hey', name => 'cy')"));
            assertEquals("P0001", stateOf(s, "SELECT fn_greet('')"));
            assertEquals("42723", stateOf(s, "CREATE FUNCTION fn_add(a int, b int) RETURNS int AS 'SELECT 1' LANGUAGE sql"));
            s.execute("CREATE OR REPLACE FUNCTION fn_add(a int, b int DEFAULT 10) RETURNS int AS 'SELECT a * b' LANGUAGE sql");
            assertEquals(List.of("20"), Rows.of(s, "SELECT fn_add(2)"));
            s.execute("ALTER FUNCTION fn_add(int, int) SET search_path = pg_catalog, pg_temp");
            assertEquals(List.of("6"), Rows.of(s, "SELECT fn_add(2, 3)"));
            assertEquals(List.of("fn_add|public|sql|2|1|int4|f|{\"search_path=pg_catalog, pg_temp\"}", "fn_greet|public|plpgsql|2|1|text|f|null"),
                    Rows.of(s, "SELECT p.proname, n.nspname, l.lanname, p.pronargs, p.pronargdefaults, t.typname, p.proretset, p.proconfig "
                            + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
                            + "JOIN pg_type t ON t.oid = p.prorettype WHERE p.proname IN ('fn_add', 'fn_greet') ORDER BY 1"));
            assertEquals(List.of("a integer, b integer DEFAULT 10|integer"), Rows.of(s,
                    "SELECT pg_get_function_arguments(oid), pg_get_function_result(oid) FROM pg_proc WHERE proname = 'fn_add'"));
            s.execute("DROP FUNCTION fn_add(int, int)");
            assertEquals("42883", stateOf(s, "DROP FUNCTION fn_add(int, int)"));
            s.execute("DROP FUNCTION IF EXISTS fn_add(int, int)");
            s.execute("DROP FUNCTION fn_greet");
        }
    }

    @OnBothDatabases
    void controlFlow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS fn_flow(int)");
            s.execute("""
                    CREATE FUNCTION fn_flow(n int) RETURNS text AS $$
                    DECLARE
                        total int := 0;
                        i int;
                        label text;
                    BEGIN
                        FOR i IN 1..n LOOP
                            CONTINUE WHEN i % 2 = 0;
                            total := total + i;
                        END LOOP;
                        WHILE total > 10 LOOP
                            total := total - 10;
                        END LOOP;
                        <<outer>>
                        LOOP
                            total := total + 100;
                            EXIT outer WHEN total > 150;
                        END LOOP;
                        FOR i IN REVERSE 3..1 LOOP
                            total := total * 1 + i;
                        END LOOP;
                        CASE total % 3
                            WHEN 0 THEN label := 'zero';
                            WHEN 1, 2 THEN label := 'some';
                        END CASE;
                        CASE WHEN total > 1000 THEN label := label || '-big'; ELSE label := label || '-small'; END CASE;
                        IF total < 0 THEN label := 'neg';
                        ELSIF total = 0 THEN label := 'nil';
                        ELSE label := label || ':' || total;
                        END IF;
                        RETURN label;
                    END;
                    $$ LANGUAGE plpgsql""");
            assertEquals(List.of("some-small:215|zero-small:210|some-small:206"), Rows.of(s, "SELECT fn_flow(5), fn_flow(3), fn_flow(0)"));
            assertEquals("20000", stateOf(s, "DO $$ BEGIN CASE 1 WHEN 2 THEN NULL; END CASE; END $$"));
            s.execute("DROP FUNCTION fn_flow(int)");
        }
    }

    @OnBothDatabases
    void queriesInBodies(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS fn_items");
            s.execute("DROP FUNCTION IF EXISTS fn_items_of(text)");
            s.execute("DROP FUNCTION IF EXISTS fn_item_names()");
            s.execute("DROP FUNCTION IF EXISTS fn_restock(text, int)");
            s.execute("CREATE TABLE fn_items (id int PRIMARY KEY, kind text, qty int)");
            s.execute("INSERT INTO fn_items VALUES (1, 'a', 5), (2, 'b', 0), (3, 'a', 7)");
            s.execute("""
                    CREATE FUNCTION fn_items_of(k text) RETURNS TABLE (item_id int, doubled int) AS $$
                    BEGIN
                        RETURN QUERY SELECT id, qty * 2 FROM fn_items WHERE kind = k ORDER BY id;
                        item_id := 99;
                        doubled := 0;
                        RETURN NEXT;
                    END;
                    $$ LANGUAGE plpgsql""");
            assertEquals(List.of("1|10", "3|14", "99|0"), Rows.of(s, "SELECT * FROM fn_items_of('a')"));
            assertEquals(List.of("k text|TABLE(item_id integer, doubled integer)"), Rows.of(s,
                    "SELECT pg_get_function_arguments(oid), pg_get_function_result(oid) FROM pg_proc WHERE proname = 'fn_items_of'"));
            s.execute("""
                    CREATE FUNCTION fn_item_names() RETURNS SETOF text AS $$
                    DECLARE
                        r record;
                    BEGIN
                        FOR r IN SELECT id, kind FROM fn_items ORDER BY id LOOP
                            RETURN NEXT r.kind || r.id;
                        END LOOP;
                    END;
                    $$ LANGUAGE plpgsql""");
            assertEquals(List.of("a1", "b2", "a3"), Rows.of(s, "SELECT * FROM fn_item_names()"));
            s.execute("""
                    CREATE FUNCTION fn_restock(k text, amount int) RETURNS text AS $$
                    DECLARE
                        n bigint;
                        first_id int;
                        top int;
                    BEGIN
                        UPDATE fn_items SET qty = qty + amount WHERE kind = k;
                        GET DIAGNOSTICS n = ROW_COUNT;
                        SELECT min(id) INTO first_id FROM fn_items WHERE kind = k;
                        PERFORM 1 FROM fn_items WHERE qty > 100;
                        IF NOT FOUND THEN
                            INSERT INTO fn_items (id, kind, qty) VALUES (first_id + 10, k, amount) RETURNING qty INTO top;
                        END IF;
                        SELECT qty INTO STRICT top FROM fn_items WHERE id = first_id;
                        RETURN n || ':' || first_id || ':' || top;
                    END;
                    $$ LANGUAGE plpgsql""");
            assertEquals(List.of("2:1:6"), Rows.of(s, "SELECT fn_restock('a', 1)"));
            assertEquals(List.of("11|a|1"), Rows.of(s, "SELECT * FROM fn_items WHERE id = 11"));
            assertEquals("P0003", stateOf(s, "DO $$ DECLARE x int; BEGIN SELECT id INTO STRICT x FROM fn_items; END $$"));
            assertEquals("P0002", stateOf(s, "DO $$ DECLARE x int; BEGIN SELECT id INTO STRICT x FROM fn_items WHERE id < 0; END $$"));
            s.execute("DROP FUNCTION fn_items_of(text)");
            s.execute("DROP FUNCTION fn_item_names()");
            s.execute("DROP FUNCTION fn_restock(text, int)");
            s.execute("DROP TABLE fn_items");
        }
    }

    @OnBothDatabases
    void exceptionBlocksUndoTheirWritesAndRaiseSqlStates(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS fn_log");
            s.execute("CREATE TABLE fn_log (id int PRIMARY KEY, note text)");
            s.execute("""
                    DO $$
                    BEGIN
                        INSERT INTO fn_log VALUES (1, 'kept');
                        BEGIN
                            INSERT INTO fn_log VALUES (2, 'undone');
                            INSERT INTO fn_log VALUES (1, 'duplicate');
                        EXCEPTION WHEN unique_violation THEN
                            INSERT INTO fn_log VALUES (3, 'caught ' || SQLSTATE);
                        END;
                        BEGIN
                            RAISE EXCEPTION 'custom %', 42 USING ERRCODE = 'P0042', DETAIL = 'd';
                        EXCEPTION WHEN SQLSTATE 'P0042' THEN
                            INSERT INTO fn_log VALUES (4, SQLERRM);
                        END;
                        BEGIN
                            PERFORM 1 / 0;
                        EXCEPTION WHEN others THEN
                            INSERT INTO fn_log VALUES (5, 'others ' || SQLSTATE);
                        END;
                    END $$""");
            assertEquals(List.of("1|kept", "3|caught 23505", "4|custom 42", "5|others 22012"), Rows.of(s, "SELECT * FROM fn_log ORDER BY id"));
            assertEquals("23505", stateOf(s, "DO $$ BEGIN RAISE EXCEPTION 'dup' USING ERRCODE = 'unique_violation'; END $$"));
            assertEquals("22012", stateOf(s, "DO $$ BEGIN RAISE division_by_zero; END $$"));
            assertEquals("P0001", stateOf(s, "DO $$ BEGIN BEGIN PERFORM 1 / 0; EXCEPTION WHEN division_by_zero THEN RAISE EXCEPTION 'wrapped'; END; END $$"));
            assertEquals("22012", stateOf(s, "DO $$ BEGIN BEGIN PERFORM 1 / 0; EXCEPTION WHEN division_by_zero THEN RAISE; END; END $$"));
            s.execute("DROP TABLE fn_log");
        }
    }

    @OnBothDatabases
    void dynamicSqlWithFormatAndUsing(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS fn_dynamic");
            s.execute("CREATE TABLE fn_dynamic (id int PRIMARY KEY, v text)");
            s.execute("""
                    DO $$
                    DECLARE
                        n bigint;
                        r record;
                    BEGIN
                        EXECUTE format('INSERT INTO %I VALUES ($1, $2)', 'fn_dynamic') USING 1, 'one';
                        EXECUTE format('INSERT INTO %I VALUES ($1, $2)', 'fn_dynamic') USING 2, 'two';
                        EXECUTE 'SELECT count(*) FROM fn_dynamic WHERE v = $1' INTO n USING 'one';
                        FOR r IN EXECUTE 'SELECT id, v FROM fn_dynamic ORDER BY id DESC' LOOP
                            EXECUTE 'UPDATE fn_dynamic SET v = $1 WHERE id = $2' USING r.v || n, r.id;
                        END LOOP;
                    END $$""");
            assertEquals(List.of("1|one1", "2|two1"), Rows.of(s, "SELECT * FROM fn_dynamic ORDER BY id"));
            s.execute("DROP TABLE fn_dynamic");
        }
    }
}
