package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Triggers compared with PostgreSQL 15: BEFORE ROW changing NEW or skipping the row, AFTER ROW
 * seeing OLD/NEW and TG_* variables, UPDATE OF and WHEN, statement-level triggers, DROP TRIGGER,
 * and a trigger's pg_notify delivered to a LISTENing pgJDBC connection once the write commits.
 */
class TriggersTest {

    @OnBothDatabases
    void rowAndStatementTriggers(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS trg_items");
            s.execute("DROP TABLE IF EXISTS trg_audit");
            s.execute("CREATE TABLE trg_items (id int PRIMARY KEY, name text, qty int)");
            s.execute("CREATE TABLE trg_audit (seq serial PRIMARY KEY, entry text)");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trg_normalize() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.qty < 0 THEN
                            RETURN NULL;
                        END IF;
                        NEW.name := lower(NEW.name);
                        RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql""");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trg_audit_row() RETURNS trigger AS $$
                    BEGIN
                        IF TG_OP = 'DELETE' THEN
                            INSERT INTO trg_audit (entry) VALUES (TG_OP || ' ' || TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ' ' || OLD.id);
                            RETURN OLD;
                        ELSIF TG_OP = 'UPDATE' THEN
                            INSERT INTO trg_audit (entry) VALUES (TG_OP || ' ' || OLD.name || '->' || NEW.name || ' ' || TG_WHEN || ' ' || TG_LEVEL);
                        ELSE
                            INSERT INTO trg_audit (entry) VALUES (TG_OP || ' ' || NEW.id || ' ' || NEW.name);
                        END IF;
                        RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql""");
            s.execute("""
                    CREATE OR REPLACE FUNCTION trg_audit_statement() RETURNS trigger AS $$
                    BEGIN
                        INSERT INTO trg_audit (entry) VALUES ('statement ' || TG_OP || ' ' || TG_WHEN);
                        RETURN NULL;
                    END;
                    $$ LANGUAGE plpgsql""");
            s.execute("CREATE TRIGGER a_normalize BEFORE INSERT OR UPDATE ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_normalize()");
            s.execute("CREATE TRIGGER b_audit AFTER INSERT OR DELETE ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_audit_row()");
            s.execute("CREATE TRIGGER c_audit_name AFTER UPDATE OF name ON trg_items FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) "
                    + "EXECUTE PROCEDURE trg_audit_row()");
            s.execute("CREATE TRIGGER d_statement BEFORE DELETE ON trg_items FOR EACH STATEMENT EXECUTE FUNCTION trg_audit_statement()");
            assertEquals("42710", stateOf(s, "CREATE TRIGGER a_normalize BEFORE INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_normalize()"));
            s.execute("CREATE OR REPLACE FUNCTION trg_plain() RETURNS int AS 'SELECT 1' LANGUAGE sql");
            assertEquals("42P17", stateOf(s, "CREATE TRIGGER bad AFTER INSERT ON trg_items EXECUTE FUNCTION trg_plain()"));
            assertEquals("42883", stateOf(s, "CREATE TRIGGER bad AFTER INSERT ON trg_items EXECUTE FUNCTION trg_no_such_function()"));
            s.execute("DROP FUNCTION trg_plain()");

            assertEquals(List.of("a_normalize|23|O|trg_normalize", "b_audit|13|O|trg_audit_row", "c_audit_name|17|O|trg_audit_row",
                    "d_statement|10|O|trg_audit_statement"), Rows.of(s, "SELECT t.tgname, t.tgtype, t.tgenabled, p.proname FROM pg_trigger t "
                    + "JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = 'trg_items'::regclass ORDER BY 1"));
            assertEquals(List.of("CREATE TRIGGER b_audit AFTER INSERT OR DELETE ON public.trg_items FOR EACH ROW EXECUTE FUNCTION trg_audit_row()"),
                    Rows.of(s, "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'b_audit'"));
            s.execute("INSERT INTO trg_items VALUES (1, 'Apple', 3), (2, 'Skipped', -1), (3, 'PEAR', 5)");
            assertEquals(List.of("1|apple|3", "3|pear|5"), Rows.of(s, "SELECT * FROM trg_items ORDER BY id"));
            s.execute("UPDATE trg_items SET qty = qty + 1");
            s.execute("UPDATE trg_items SET name = 'Quince' WHERE id = 3");
            s.execute("UPDATE trg_items SET name = 'quince' WHERE id = 3");
            s.execute("DELETE FROM trg_items WHERE id = 1");
            s.execute("DELETE FROM trg_items WHERE id = 42");
            assertEquals(List.of("INSERT 1 apple", "INSERT 3 pear", "UPDATE pear->quince AFTER ROW", "statement DELETE BEFORE",
                    "DELETE public.trg_items 1", "statement DELETE BEFORE"), Rows.of(s, "SELECT entry FROM trg_audit ORDER BY seq"));
            assertEquals(List.of("3|quince|6"), Rows.of(s, "SELECT * FROM trg_items ORDER BY id"));

            s.execute("DROP TRIGGER a_normalize ON trg_items");
            s.execute("DROP TRIGGER IF EXISTS a_normalize ON trg_items");
            assertEquals("42704", stateOf(s, "DROP TRIGGER a_normalize ON trg_items"));
            assertEquals("2BP01", stateOf(s, "DROP FUNCTION trg_audit_row()"));
            s.execute("INSERT INTO trg_items VALUES (4, 'KEPT', -2)");
            assertEquals(List.of("3|quince|6", "4|KEPT|-2"), Rows.of(s, "SELECT * FROM trg_items ORDER BY id"));
            s.execute("DROP TABLE trg_items");
            s.execute("DROP FUNCTION trg_audit_row()");
            s.execute("DROP FUNCTION trg_normalize()");
            s.execute("DROP FUNCTION trg_audit_statement()");
            s.execute("DROP TABLE trg_audit");
        }
    }

    @OnBothDatabases
    void aTriggersNotificationReachesAListenerAfterCommit(Database db) throws SQLException {
        try (Connection listener = db.connect(); Connection writer = db.connect();
             Statement ls = listener.createStatement(); Statement ws = writer.createStatement()) {
            ws.execute("DROP TABLE IF EXISTS trg_messages");
            ws.execute("CREATE TABLE trg_messages (destination text, topic text, body text)");
            ws.execute("""
                    CREATE OR REPLACE FUNCTION trg_messages_notify() RETURNS TRIGGER AS $$
                    DECLARE
                        payload text := NEW.destination || '::' || NEW.topic;
                    BEGIN
                        PERFORM pg_notify('trg_messages_channel', payload);
                        RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql""");
            ws.execute("CREATE TRIGGER trg_messages_trigger AFTER INSERT ON trg_messages FOR EACH ROW EXECUTE FUNCTION trg_messages_notify()");
            ls.execute("LISTEN trg_messages_channel");
            writer.setAutoCommit(false);
            ws.execute("INSERT INTO trg_messages VALUES ('wf-1', 'greeting', 'hello')");
            PGNotification[] beforeCommit = listener.unwrap(PGConnection.class).getNotifications(200);
            assertEquals(0, beforeCommit == null ? 0 : beforeCommit.length, "nothing is delivered before the commit");
            writer.commit();
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertNotNull(received);
            assertEquals(1, received.length);
            assertEquals("trg_messages_channel", received[0].getName());
            assertEquals("wf-1::greeting", received[0].getParameter());
            writer.setAutoCommit(true);
            ws.execute("DROP TABLE trg_messages");
            ws.execute("DROP FUNCTION trg_messages_notify()");
        }
    }
}
