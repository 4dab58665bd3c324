package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * PL/pgSQL records as row values, compared with PostgreSQL 15: a trigger that skips updates that
 * change nothing ({@code NEW IS DISTINCT FROM OLD}), NEW = OLD with NULL fields (equal as whole
 * records), OLD IS NULL in an INSERT trigger, a WHEN clause on {@code OLD.* IS DISTINCT FROM NEW.*},
 * {@code VALUES (NEW.*)} and {@code SELECT OLD.*} as field lists, and record variables compared,
 * ordered and tested for NULL (a record not assigned yet IS NULL; its fields are 55000).
 */
class RowTriggersTest {

    @OnBothDatabases
    void triggerSkipsUpdatesThatChangeNothing(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS rt_items", "DROP TABLE IF EXISTS rt_log",
                    "CREATE TABLE rt_items (id int PRIMARY KEY, name text, qty int)",
                    "CREATE TABLE rt_log (seq serial PRIMARY KEY, op text, changed boolean, same boolean, old_null boolean,"
                            + " new_null boolean, old_not_null boolean, fields text)")) {
                s.execute(sql);
            }
            s.execute("""
                    CREATE OR REPLACE FUNCTION rt_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO rt_log (op, changed, same, old_null, new_null, old_not_null, fields)
                            VALUES (TG_OP, NEW IS DISTINCT FROM OLD, NEW = OLD, OLD IS NULL, NEW IS NULL, OLD IS NOT NULL, ROW(NEW.*)::text);
                        IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
                            RETURN NULL;
                        END IF;
                        RETURN COALESCE(NEW, OLD);
                    END $$""");
            s.execute("CREATE TRIGGER rt_audit BEFORE INSERT OR UPDATE OR DELETE ON rt_items FOR EACH ROW EXECUTE FUNCTION rt_audit()");
            assertEquals(2, s.executeUpdate("INSERT INTO rt_items VALUES (1, 'a', NULL), (2, NULL, NULL)"));
            assertEquals(0, s.executeUpdate("UPDATE rt_items SET qty = qty WHERE id = 1"), "NULL qty to NULL qty changes nothing");
            assertEquals(1, s.executeUpdate("UPDATE rt_items SET qty = 5 WHERE id = 1"));
            assertEquals(0, s.executeUpdate("UPDATE rt_items SET name = NULL WHERE id = 2"));
            assertEquals(1, s.executeUpdate("DELETE FROM rt_items WHERE id = 2"));
            // NEW = OLD is NULL where OLD or NEW is the null row, and true between rows whose NULL fields match
            assertEquals(List.of("INSERT|t|null|t|f|f|(1,a,)", "INSERT|t|null|t|f|f|(2,,)", "UPDATE|f|t|f|f|f|(1,a,)",
                    "UPDATE|t|f|f|f|f|(1,a,5)", "UPDATE|f|t|f|f|f|(2,,)", "DELETE|t|null|f|t|f|(,,)"),
                    Rows.of(s, "SELECT op, changed, same, old_null, new_null, old_not_null, fields FROM rt_log ORDER BY seq"));
            assertEquals(List.of("1|a|5"), Rows.of(s, "SELECT * FROM rt_items"));
            s.execute("DROP TABLE rt_items");
            s.execute("DROP TABLE rt_log");
            s.execute("DROP FUNCTION rt_audit()");
        }
    }

    @OnBothDatabases
    void whenClauseAndFieldLists(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS rt_stock", "DROP TABLE IF EXISTS rt_history",
                    "CREATE TABLE rt_stock (id int PRIMARY KEY, name text, qty int)",
                    "CREATE TABLE rt_history (id int, name text, qty int)")) {
                s.execute(sql);
            }
            s.execute("""
                    CREATE OR REPLACE FUNCTION rt_keep() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.* IS DISTINCT FROM OLD.* THEN
                            INSERT INTO rt_history VALUES (NEW.*);
                        END IF;
                        INSERT INTO rt_history SELECT OLD.*;
                        RETURN NEW;
                    END $$""");
            s.execute("CREATE TRIGGER rt_keep AFTER UPDATE ON rt_stock FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION rt_keep()");
            s.execute("INSERT INTO rt_stock VALUES (1, 'a', NULL), (2, NULL, 3)");
            assertEquals(2, s.executeUpdate("UPDATE rt_stock SET qty = qty"));
            assertEquals(List.of(), Rows.of(s, "SELECT * FROM rt_history"), "the WHEN clause kept the trigger from firing");
            assertEquals(1, s.executeUpdate("UPDATE rt_stock SET qty = 7 WHERE id = 2"));
            assertEquals(List.of("2|null|3", "2|null|7"), Rows.of(s, "SELECT * FROM rt_history ORDER BY qty"));
            s.execute("DROP TABLE rt_stock");
            s.execute("DROP TABLE rt_history");
            s.execute("DROP FUNCTION rt_keep()");
        }
    }

    @OnBothDatabases
    void recordVariablesCompareAsRows(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rt_pairs");
            s.execute("CREATE TABLE rt_pairs (a int, b text)");
            s.execute("INSERT INTO rt_pairs VALUES (1, NULL), (1, NULL), (2, 'x')");
            PSQLException report = assertThrows(PSQLException.class, () -> s.execute("""
                    DO $$
                    DECLARE r record; q record; u rt_pairs%ROWTYPE; w record; never record;
                    BEGIN
                        SELECT * INTO r FROM rt_pairs WHERE a = 1 LIMIT 1;
                        SELECT * INTO q FROM rt_pairs WHERE a = 1 OFFSET 1 LIMIT 1;
                        SELECT * INTO u FROM rt_pairs WHERE a = 2;
                        w := ROW(1, 'q'::text);
                        RAISE EXCEPTION 'r=q % r<>q % distinct % null % not_null % u>r % u % w % w.f2 % r=row % never_null %',
                            r = q, r <> q, r IS DISTINCT FROM q, r IS NULL, r IS NOT NULL, u > r, u, w, w.f2,
                            r = ROW(1, NULL::text), never IS NULL;
                    END $$"""));
            assertEquals("P0001", report.getSQLState());
            assertEquals("r=q t r<>q f distinct f null f not_null f u>r t u (2,x) w (1,q) w.f2 q r=row t never_null t",
                    report.getServerErrorMessage().getMessage());
            PSQLException unassigned = assertThrows(PSQLException.class,
                    () -> s.execute("DO $$ DECLARE r record; BEGIN IF r.a IS NULL THEN RAISE NOTICE 'null'; END IF; END $$"));
            assertEquals("55000", unassigned.getSQLState());
            assertEquals("record \"r\" is not assigned yet", unassigned.getServerErrorMessage().getMessage());
            s.execute("DROP TABLE rt_pairs");
        }
    }
}
