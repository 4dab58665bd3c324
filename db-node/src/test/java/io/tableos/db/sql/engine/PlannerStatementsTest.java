package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner's statements on a real engine: EXPLAIN ANALYZE shows that an ordered index scan
 * under a LIMIT stops after the rows it needs; ANALYZE's statistics change which index a
 * cached statement uses; FOR UPDATE OF locks only the named FROM items.
 */
class PlannerStatementsTest extends EngineTestBase {

    private static String text(List<Object[]> rows) {
        return EngineFixture.lines(rows);
    }

    @Test
    void explainAnalyzeCountsRowsAndTheScanStopsAtTheLimit() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "DROP TABLE IF EXISTS ps_tasks");
            EngineFixture.run(s, "CREATE TABLE ps_tasks (id bigint PRIMARY KEY, state text NOT NULL, priority int NOT NULL)");
            EngineFixture.run(s, "CREATE INDEX ps_tasks_queued ON ps_tasks (priority DESC, id) WHERE state = 'queued'");
            EngineFixture.run(s, "INSERT INTO ps_tasks SELECT g, CASE WHEN g % 2 = 0 THEN 'queued' ELSE 'done' END, g % 10 FROM generate_series(1, 500) g");
            String plan = text(EngineFixture.run(s, "EXPLAIN ANALYZE SELECT id FROM ps_tasks WHERE state = 'queued' "
                    + "ORDER BY priority DESC, id LIMIT 3 FOR UPDATE SKIP LOCKED"));
            assertTrue(plan.startsWith("Limit  (actual rows=3 loops=1)\n"
                    + "  ->  LockRows  (actual rows=3 loops=1)\n"
                    + "        ->  Index Scan using ps_tasks_queued on ps_tasks  (actual rows=3 loops=1)\n"), plan);
            assertTrue(plan.matches("(?s).*\nExecution Time: [0-9.]+ ms\n"), plan);
            String update = text(EngineFixture.run(s, "EXPLAIN (ANALYZE) UPDATE ps_tasks SET state = 'running' WHERE id = ANY('{2,4,5}'::bigint[])"));
            assertTrue(update.startsWith("Update on ps_tasks  (actual rows=0 loops=1)\n"
                    + "  ->  Index Scan using ps_tasks_pkey on ps_tasks  (actual rows=3 loops=1)\n"
                    + "        Index Cond: (id = ANY ("), update);
            // EXPLAIN ANALYZE runs the statement: the rows changed
            assertEquals(3L, EngineFixture.run(s, "SELECT count(*) FROM ps_tasks WHERE state = 'running'").get(0)[0]);
        }
    }

    @Test
    void analyzeStatisticsPickTheSelectiveIndex() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "DROP TABLE IF EXISTS ps_pair");
            EngineFixture.run(s, "CREATE TABLE ps_pair (id bigint PRIMARY KEY, flag int NOT NULL, code int NOT NULL)");
            EngineFixture.run(s, "CREATE INDEX ps_pair_flag ON ps_pair (flag)");
            EngineFixture.run(s, "CREATE INDEX ps_pair_code ON ps_pair (code)");
            EngineFixture.run(s, "INSERT INTO ps_pair SELECT g, g % 2, g FROM generate_series(1, 2000) g");
            String query = "EXPLAIN SELECT id FROM ps_pair WHERE flag = 1 AND code = 7";
            // no statistics: both equalities look alike, the first index wins
            assertTrue(text(EngineFixture.run(s, query)).startsWith("Index Scan using ps_pair_flag"), text(EngineFixture.run(s, query)));
            assertEquals("ANALYZE", EngineFixture.tag(s, "ANALYZE ps_pair"));
            // flag has two values, code 2,000: the cached plan is replaced
            assertTrue(text(EngineFixture.run(s, query)).startsWith("Index Scan using ps_pair_code"), text(EngineFixture.run(s, query)));
            DbException missing = assertThrows(DbException.class, () -> EngineFixture.run(s, "ANALYZE ps_no_such_table"));
            assertEquals("42P01", missing.sqlState());
        }
    }

    @Test
    void forUpdateOfLocksOnlyTheNamedTables() {
        try (SqlSessionImpl a = fixture.session(); SqlSessionImpl b = fixture.session()) {
            EngineFixture.run(a, "DROP TABLE IF EXISTS ps_parent");
            EngineFixture.run(a, "DROP TABLE IF EXISTS ps_child");
            EngineFixture.run(a, "CREATE TABLE ps_parent (id int PRIMARY KEY)");
            EngineFixture.run(a, "CREATE TABLE ps_child (id int PRIMARY KEY, parent int NOT NULL)");
            EngineFixture.run(a, "INSERT INTO ps_parent VALUES (1)");
            EngineFixture.run(a, "INSERT INTO ps_child VALUES (10, 1)");
            EngineFixture.run(a, "BEGIN");
            EngineFixture.run(a, "SELECT c.id FROM ps_child c JOIN ps_parent p ON p.id = c.parent FOR UPDATE OF c");
            EngineFixture.run(b, "SELECT id FROM ps_parent WHERE id = 1 FOR UPDATE NOWAIT");
            DbException held = assertThrows(DbException.class, () -> EngineFixture.run(b, "SELECT id FROM ps_child WHERE id = 10 FOR UPDATE NOWAIT"));
            assertEquals("55P03", held.sqlState());
            EngineFixture.run(a, "ROLLBACK");
            DbException unknown = assertThrows(DbException.class, () -> EngineFixture.run(a, "SELECT id FROM ps_child FOR UPDATE OF nope"));
            assertEquals("42P01", unknown.sqlState());
        }
    }
}
