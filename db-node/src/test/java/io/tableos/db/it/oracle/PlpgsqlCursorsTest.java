package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PL/pgSQL cursors compared with PostgreSQL 15: a bound cursor with arguments, OPEN / FETCH [NEXT]
 * [FROM] / MOVE / CLOSE with FOUND, rows as of OPEN while the body writes, FOR record IN cursor,
 * refcursor variables opened FOR a query and FOR EXECUTE; and the SQLSTATEs of fetching from a
 * cursor never opened or closed (34000), from a null refcursor (22004), opening one twice (42P03)
 * and giving it the wrong arguments (42601).
 */
class PlpgsqlCursorsTest {

    @OnBothDatabases
    void openFetchMoveCloseAndForOverACursor(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP FUNCTION IF EXISTS cur_walk(int)");
            s.execute("DROP TABLE IF EXISTS cur_items");
            s.execute("CREATE TABLE cur_items (id int PRIMARY KEY, qty int)");
            s.execute("INSERT INTO cur_items VALUES (1, 10), (2, 20), (3, 30), (4, 40)");
            s.execute("""
                    CREATE FUNCTION cur_walk(min_qty int) RETURNS text AS $$
                    DECLARE
                        c NO SCROLL CURSOR (lo int) FOR SELECT id, qty FROM cur_items WHERE qty >= lo ORDER BY id;
                        u refcursor;
                        r record;
                        a int;
                        b int;
                        trail text := '';
                    BEGIN
                        OPEN c(min_qty);
                        FETCH c INTO a, b;
                        trail := trail || a || '=' || b;
                        MOVE c;
                        FETCH NEXT FROM c INTO r;
                        trail := trail || ',' || r.id || ':' || FOUND;
                        UPDATE cur_items SET qty = 0 WHERE id = 4;
                        FETCH IN c INTO a, b;
                        trail := trail || ',' || a || '=' || b;
                        FETCH c INTO a, b;
                        IF NOT FOUND THEN
                            trail := trail || ',end:' || coalesce(a::text, 'null');
                        END IF;
                        CLOSE c;
                        FOR r IN c(25) LOOP
                            trail := trail || ',' || r.id;
                        END LOOP;
                        OPEN u FOR SELECT count(*) FROM cur_items WHERE qty = 0;
                        FETCH u INTO a;
                        CLOSE u;
                        trail := trail || ',zero=' || a;
                        OPEN u FOR EXECUTE 'SELECT max(qty) FROM ' || quote_ident('cur_items') || ' WHERE id < $1' USING 3;
                        FETCH u INTO a;
                        CLOSE u;
                        RETURN trail || ',max=' || a;
                    END $$ LANGUAGE plpgsql""");
            assertEquals(List.of("1=10,3:true,4=40,end:null,3,zero=1,max=20"), Rows.of(s, "SELECT cur_walk(5)"));

            String open = "DO $$ DECLARE c CURSOR FOR SELECT id FROM cur_items; r record; x int; BEGIN ";
            assertEquals("34000", stateOf(s, open + "FETCH c INTO x; END $$"));
            assertEquals("34000", stateOf(s, open + "OPEN c; CLOSE c; FETCH c INTO x; END $$"));
            assertEquals("34000", stateOf(s, open + "CLOSE c; END $$"));
            assertEquals("42P03", stateOf(s, open + "OPEN c; OPEN c; END $$"));
            assertEquals("42P03", stateOf(s, open + "OPEN c; FOR r IN c LOOP END LOOP; END $$"));
            assertEquals("42601", stateOf(s, open + "OPEN c(1); END $$"));
            assertEquals("22004", stateOf(s, "DO $$ DECLARE u refcursor; x int; BEGIN FETCH u INTO x; END $$"));
            assertEquals("42601", stateOf(s, "DO $$ DECLARE c CURSOR (n int) FOR SELECT n; BEGIN OPEN c; END $$"));
            s.execute("DROP FUNCTION cur_walk(int)");
            s.execute("DROP TABLE cur_items");
        }
    }
}
