package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where TableOS's MERGE and ALTER COLUMN TYPE are its own, on a real engine: MERGE's plan looks
 * the target up by key per source row (the source LEFT JOIN the target), and a USING expression
 * that reads more than the row (clock, random numbers) is refused with 0A000 before anything
 * changes, because every replica evaluates the conversion itself.
 */
class MergeAndRetypeEngineTest extends EngineTestBase {

    @Test
    void mergeLooksTheTargetUpByKeyPerSourceRow() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "DROP TABLE IF EXISTS me_target");
            EngineFixture.run(s, "CREATE TABLE me_target (id int PRIMARY KEY, v int)");
            EngineFixture.run(s, "INSERT INTO me_target SELECT g, g FROM generate_series(1, 1000) g");
            String plan = EngineFixture.lines(EngineFixture.run(s, "EXPLAIN MERGE INTO me_target t USING (VALUES (1, 5), (2000, 6)) s(id, v) ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"));
            assertTrue(plan.startsWith("Merge on me_target\n"), plan);
            assertTrue(plan.contains("Index Scan using me_target_pkey on me_target"), plan);
            assertEquals("MERGE 2", EngineFixture.tag(s, "MERGE INTO me_target t USING (VALUES (1, 5), (2000, 6)) s(id, v) ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"));
        }
    }

    /**
     * Deliberately unlike PostgreSQL, which converts these with the transaction's time: each
     * replica converts the rows itself and would read its own clock, so the replicas' rows would
     * differ. A clock word in a converted text column or as a USING literal fails the ALTER with
     * 0A000 on every replica alike, leaving the table as it was; other text columns may hold one.
     */
    @Test
    void textThatReadsTheClockIsNotConvertedToDatesOrTimes() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "DROP TABLE IF EXISTS me_clock");
            EngineFixture.run(s, "CREATE TABLE me_clock (id int PRIMARY KEY, d text, note text)");
            EngineFixture.run(s, "INSERT INTO me_clock VALUES (1, '2024-01-02', ' Now '), (2, 'today', 'x')");
            for (String alter : List.of("ALTER COLUMN d TYPE date USING d::date", "ALTER COLUMN d TYPE timestamp USING d::timestamp",
                    "ALTER COLUMN id TYPE int USING extract(day FROM (d || '')::timestamptz)::int",
                    "ALTER COLUMN id TYPE int USING extract(day FROM 'now'::date)::int + id")) {
                DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "ALTER TABLE me_clock " + alter));
                assertEquals("0A000", e.sqlState(), alter + ": " + e.getMessage());
            }
            assertEquals("today", EngineFixture.run(s, "SELECT d FROM me_clock WHERE id = 2").get(0)[0]);
            EngineFixture.run(s, "UPDATE me_clock SET d = '2024-03-04' WHERE id = 2");
            assertEquals("ALTER TABLE", EngineFixture.tag(s, "ALTER TABLE me_clock ALTER COLUMN d TYPE date USING d::date"));
            assertEquals("2024-03-04", String.valueOf(EngineFixture.run(s, "SELECT d FROM me_clock WHERE id = 2").get(0)[0]));
        }
    }

    @Test
    void usingThatReadsMoreThanTheRowIsRefused() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "DROP TABLE IF EXISTS me_retype");
            EngineFixture.run(s, "CREATE TABLE me_retype (id int PRIMARY KEY, v text)");
            EngineFixture.run(s, "INSERT INTO me_retype VALUES (1, '1')");
            for (String using : List.of("random() * v::int", "extract(epoch FROM now())::int + v::int", "CURRENT_DATE - DATE '2020-01-01'",
                    "nextval('s')", "(SELECT 1)")) {
                DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "ALTER TABLE me_retype ALTER COLUMN v TYPE int USING " + using));
                assertEquals("0A000", e.sqlState(), using + ": " + e.getMessage());
            }
            assertEquals("1", EngineFixture.run(s, "SELECT v FROM me_retype").get(0)[0]);
            assertEquals("ALTER TABLE", EngineFixture.tag(s, "ALTER TABLE me_retype ALTER COLUMN v TYPE int USING length('random()') + v::int"));
            assertEquals(9, EngineFixture.run(s, "SELECT v FROM me_retype").get(0)[0], "a function name inside a string literal is no call");
        }
    }
}
