package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * A PL/pgSQL trigger's NEW and OLD where there is no such row, compared with PostgreSQL 15: since
 * PostgreSQL 11 NEW in a DELETE or statement-level trigger and OLD in an INSERT trigger are null
 * rows of the table's type, whose fields read as null; RETURN of one skips the row, assigning one
 * of its fields makes it a row, and assigning it whole to a record leaves that record unassigned
 * (55000 on its fields); assigning a record copies it. Also the TG_* variables at every level,
 * TG_ARGV's zero-based subscripts and TG_RELID, and a BEFORE DELETE trigger seeing the row being
 * deleted after another trigger.
 */
class TriggerRowVariablesTest {

    @OnBothDatabases
    void newAndOldWhereTheEventHasNoSuchRow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS trv_items",
                    "DROP TABLE IF EXISTS trv_log",
                    "CREATE TABLE trv_items (id int PRIMARY KEY, v text)",
                    "CREATE TABLE trv_log (seq serial PRIMARY KEY, entry text)")) {
                s.execute(sql);
            }
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_note() RETURNS trigger AS $$
                    BEGIN
                        INSERT INTO trv_log (entry) VALUES (TG_OP || ' ' || TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_NAME
                            || ' new ' || coalesce(NEW.id::text, '-') || ' old ' || coalesce(OLD.id::text, '-'));
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            for (String sql : List.of("CREATE TRIGGER a_row BEFORE INSERT OR UPDATE OR DELETE ON trv_items FOR EACH ROW EXECUTE FUNCTION trv_note()",
                    "CREATE TRIGGER b_after AFTER INSERT OR UPDATE OR DELETE ON trv_items FOR EACH ROW EXECUTE FUNCTION trv_note()",
                    "CREATE TRIGGER c_statement BEFORE INSERT OR UPDATE OR DELETE ON trv_items FOR EACH STATEMENT EXECUTE FUNCTION trv_note()",
                    "INSERT INTO trv_items VALUES (1, 'a'), (2, 'b')",
                    "UPDATE trv_items SET v = 'c' WHERE id = 1")) {
                s.execute(sql);
            }
            // RETURN NEW from a BEFORE DELETE trigger returns null: the delete is skipped, and AFTER ROW does not fire
            assertEquals(0, s.executeUpdate("DELETE FROM trv_items WHERE id = 2"));
            assertEquals(List.of("1|c", "2|b"), Rows.of(s, "SELECT * FROM trv_items ORDER BY id"));
            assertEquals(List.of(
                    "INSERT BEFORE STATEMENT c_statement new - old -",
                    "INSERT BEFORE ROW a_row new 1 old -", "INSERT BEFORE ROW a_row new 2 old -",
                    "INSERT AFTER ROW b_after new 1 old -", "INSERT AFTER ROW b_after new 2 old -",
                    "UPDATE BEFORE STATEMENT c_statement new - old -",
                    "UPDATE BEFORE ROW a_row new 1 old 1", "UPDATE AFTER ROW b_after new 1 old 1",
                    "DELETE BEFORE STATEMENT c_statement new - old -", "DELETE BEFORE ROW a_row new - old 2"),
                    Rows.of(s, "SELECT entry FROM trv_log ORDER BY seq"));
            s.execute("DROP TABLE trv_items");
            s.execute("DROP FUNCTION trv_note()");
            s.execute("DROP TABLE trv_log");
        }
    }

    @OnBothDatabases
    void assigningAndReturningNullRows(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS trv_rows");
            s.execute("CREATE TABLE trv_rows (id int, v text)");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_choose() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.id = 1 THEN
                            NEW := NULL;
                            RETURN NEW;
                        END IF;
                        IF NEW.id = 2 THEN
                            RETURN OLD;
                        END IF;
                        IF NEW.id = 3 THEN
                            OLD.v := 'from old';
                            RETURN OLD;
                        END IF;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER trv_choose BEFORE INSERT ON trv_rows FOR EACH ROW EXECUTE FUNCTION trv_choose()");
            assertEquals(2, s.executeUpdate("INSERT INTO trv_rows VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')"));
            assertEquals(List.of("4|d", "null|from old"), Rows.of(s, "SELECT * FROM trv_rows ORDER BY id"));

            // assigning a field of the null NEW makes it a row, so the delete goes on
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_keep_going() RETURNS trigger AS $$
                    BEGIN
                        NEW.v := 'z';
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER trv_keep_going BEFORE DELETE ON trv_rows FOR EACH ROW EXECUTE FUNCTION trv_keep_going()");
            assertEquals(1, s.executeUpdate("DELETE FROM trv_rows WHERE id = 4"));
            s.execute("DROP TRIGGER trv_keep_going ON trv_rows");

            assertEquals("55000", deleteFailsWith(s, "trv_copy", "DECLARE r record; BEGIN r := NEW; RAISE EXCEPTION 'copied %', r.id; END"));
            assertEquals("42703", deleteFailsWith(s, "trv_no_field", "BEGIN RAISE EXCEPTION 'field %', NEW.nosuch; END"));

            // a statement-level trigger may assign NEW's fields too
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_statement() RETURNS trigger AS $$
                    BEGIN
                        NEW.v := 'x';
                        RAISE EXCEPTION 'new.v=% old.v=% new.id=%', NEW.v, OLD.v, NEW.id USING ERRCODE = 'P0009';
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER trv_statement BEFORE UPDATE ON trv_rows FOR EACH STATEMENT EXECUTE FUNCTION trv_statement()");
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("UPDATE trv_rows SET v = 'q'"));
            assertEquals("P0009", e.getSQLState());
            assertEquals("new.v=x old.v=<NULL> new.id=<NULL>", e.getServerErrorMessage().getMessage());
            assertEquals(List.of("null|from old"), Rows.of(s, "SELECT * FROM trv_rows ORDER BY id"));
            for (String sql : List.of("DROP TABLE trv_rows",
                    "DROP FUNCTION trv_choose()",
                    "DROP FUNCTION trv_keep_going()",
                    "DROP FUNCTION trv_copy()",
                    "DROP FUNCTION trv_no_field()",
                    "DROP FUNCTION trv_statement()")) {
                s.execute(sql);
            }
        }
    }

    @OnBothDatabases
    void assigningARecordCopiesIt(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS trv_copies");
            s.execute("CREATE TABLE trv_copies (id int, v text)");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_copies() RETURNS trigger AS $$
                    DECLARE
                        r record;
                        q record := NEW;
                    BEGIN
                        r := NEW;
                        r.v := 'changed';
                        q.v := 'also changed';
                        NEW.id := NEW.id + r.id;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER trv_copies BEFORE INSERT ON trv_copies FOR EACH ROW EXECUTE FUNCTION trv_copies()");
            s.execute("INSERT INTO trv_copies VALUES (2, 'kept')");
            assertEquals(List.of("4|kept"), Rows.of(s, "SELECT * FROM trv_copies"));
            s.execute("DROP TABLE trv_copies");
            s.execute("DROP FUNCTION trv_copies()");
        }
    }

    /** Makes {@code function} (body {@code body}) a BEFORE DELETE row trigger on trv_rows: the SQLSTATE a DELETE then fails with. */
    private static String deleteFailsWith(Statement s, String function, String body) throws SQLException {
        s.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger AS $$ " + body + " $$ LANGUAGE plpgsql");
        s.execute("CREATE TRIGGER " + function + " BEFORE DELETE ON trv_rows FOR EACH ROW EXECUTE FUNCTION " + function + "()");
        String state = stateOf(s, "DELETE FROM trv_rows");
        s.execute("DROP TRIGGER " + function + " ON trv_rows");
        return state;
    }

    @OnBothDatabases
    void triggerArgumentsAndRelation(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS trv_args",
                    "DROP TABLE IF EXISTS trv_args_log",
                    "CREATE TABLE trv_args (id int)",
                    "CREATE TABLE trv_args_log (entry text)")) {
                s.execute(sql);
            }
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_args_note() RETURNS trigger AS $$
                    BEGIN
                        INSERT INTO trv_args_log VALUES (TG_NARGS || ' ' || coalesce(TG_ARGV[0], '-') || ' ' || coalesce(TG_ARGV[1], '-')
                            || ' ' || coalesce(TG_ARGV[2], '-') || ' ' || coalesce(TG_ARGV[TG_NARGS - 1], '-') || ' ' || TG_RELNAME || ' '
                            || TG_TABLE_SCHEMA || ' ' || TG_RELID::regclass::text || ' ' || (TG_RELID = 'trv_args'::regclass));
                        RETURN NULL;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER trv_args_note AFTER INSERT ON trv_args FOR EACH STATEMENT EXECUTE FUNCTION trv_args_note('x', 42)");
            s.execute("INSERT INTO trv_args VALUES (1)");
            assertEquals(List.of("2 x 42 - 42 trv_args public trv_args true"), Rows.of(s, "SELECT entry FROM trv_args_log"));

            // every BEFORE DELETE trigger sees the row being deleted, whatever an earlier one returned
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_args_other() RETURNS trigger AS $$
                    BEGIN
                        NEW.id := 99;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trv_args_seen() RETURNS trigger AS $$
                    BEGIN
                        INSERT INTO trv_args_log VALUES ('deleting ' || OLD.id);
                        RETURN OLD;
                    END $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER a_other BEFORE DELETE ON trv_args FOR EACH ROW EXECUTE FUNCTION trv_args_other()");
            s.execute("CREATE TRIGGER b_seen BEFORE DELETE ON trv_args FOR EACH ROW EXECUTE FUNCTION trv_args_seen()");
            assertEquals(1, s.executeUpdate("DELETE FROM trv_args"));
            assertEquals(List.of("2 x 42 - 42 trv_args public trv_args true", "deleting 1"), Rows.of(s, "SELECT entry FROM trv_args_log"));
            for (String sql : List.of("DROP TABLE trv_args",
                    "DROP TABLE trv_args_log",
                    "DROP FUNCTION trv_args_note()",
                    "DROP FUNCTION trv_args_other()",
                    "DROP FUNCTION trv_args_seen()")) {
                s.execute(sql);
            }
        }
    }
}
