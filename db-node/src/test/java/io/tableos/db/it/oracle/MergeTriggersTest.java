package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * MERGE's triggers compared with PostgreSQL 15: statement-level triggers of every action kind
 * its WHEN clauses name (whether or not a row takes that action), row-level ones for each row an
 * action writes, a BEFORE ROW trigger that skips a row (not counted), in PostgreSQL's order:
 * BEFORE STATEMENT for INSERT, UPDATE, DELETE; AFTER ROW in the order of the writes; AFTER
 * STATEMENT for DELETE, UPDATE, INSERT.
 */
class MergeTriggersTest {

    @OnBothDatabases
    void triggersOfEveryActionKind(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS merge_trg_t");
            s.execute("DROP TABLE IF EXISTS merge_trg_log");
            s.execute("CREATE TABLE merge_trg_t (id int PRIMARY KEY, v int)");
            s.execute("CREATE TABLE merge_trg_log (seq serial PRIMARY KEY, entry text)");
            s.execute("INSERT INTO merge_trg_t VALUES (1, 10), (2, 20), (3, 30)");
            s.execute("""
                    CREATE OR REPLACE FUNCTION merge_trg_log_it() RETURNS trigger AS $$
                    BEGIN
                        IF TG_LEVEL = 'STATEMENT' THEN
                            INSERT INTO merge_trg_log (entry) VALUES (TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP);
                            RETURN NULL;
                        ELSIF TG_OP = 'DELETE' THEN
                            INSERT INTO merge_trg_log (entry) VALUES (TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP || ' ' || OLD.id);
                        ELSE
                            INSERT INTO merge_trg_log (entry) VALUES (TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP || ' ' || NEW.id);
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            RETURN OLD;
                        END IF;
                        IF NEW.v < 0 THEN
                            RETURN NULL;
                        END IF;
                        RETURN NEW;
                    END;
                    $$ LANGUAGE plpgsql""");
            for (String when : List.of("BEFORE", "AFTER")) {
                for (String level : List.of("ROW", "STATEMENT")) {
                    s.execute("CREATE TRIGGER merge_trg_" + when.toLowerCase() + "_" + level.toLowerCase() + " " + when
                            + " INSERT OR UPDATE OR DELETE ON merge_trg_t FOR EACH " + level + " EXECUTE FUNCTION merge_trg_log_it()");
                }
            }
            assertEquals(3, s.executeUpdate("MERGE INTO merge_trg_t t USING (VALUES (1, 5), (3, 0), (4, 40), (5, -1)) s(id, v) ON t.id = s.id"
                    + " WHEN MATCHED AND s.v = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET v = t.v + s.v"
                    + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"), "row 5 skipped by its BEFORE ROW trigger");
            assertEquals(List.of("1|15", "2|20", "4|40"), Rows.of(s, "SELECT * FROM merge_trg_t ORDER BY id"));
            assertEquals(List.of("BEFORE STATEMENT INSERT", "BEFORE STATEMENT UPDATE", "BEFORE STATEMENT DELETE",
                    "BEFORE ROW UPDATE 1", "BEFORE ROW DELETE 3", "BEFORE ROW INSERT 4", "BEFORE ROW INSERT 5",
                    "AFTER ROW UPDATE 1", "AFTER ROW DELETE 3", "AFTER ROW INSERT 4",
                    "AFTER STATEMENT DELETE", "AFTER STATEMENT UPDATE", "AFTER STATEMENT INSERT"),
                    Rows.of(s, "SELECT entry FROM merge_trg_log ORDER BY seq"), "AFTER ROW events in the order of the writes, whatever their kind");
            s.execute("DROP TABLE merge_trg_t");
            s.execute("DROP TABLE merge_trg_log");
        }
    }
}
