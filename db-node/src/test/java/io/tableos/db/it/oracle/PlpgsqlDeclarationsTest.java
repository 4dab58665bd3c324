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
 * missing field, and a record read before it was assigned.
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
}
