package io.tableos.db.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.Statistics;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TableStatistics;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ordered and partial index scans, and the choice between indexes, checked on EXPLAIN text
 * without storage: ORDER BY served by an index (forward or backward, after an equality
 * prefix, through the primary-key suffix of index entries) needs no Sort and a LIMIT stops
 * it; partial indexes are used exactly when the WHERE clause implies their predicate; and
 * statistics decide between two indexes that both match; a keyset row comparison bounds the scan.
 */
class OrderedAccessPathTest {
    private final Catalog catalog = new Catalog();

    OrderedAccessPathTest() {
        // tasks(id, state, priority, queue, run_at, locked_at); the claim index of the job-queue workload
        IndexDef queued = new IndexDef(301, "tasks_queued_idx", 300, List.of(2, 0), List.of(true, false), false, "state = 'queued'", false);
        IndexDef byQueue = new IndexDef(302, "tasks_queue_run_at_idx", 300, List.of(3, 4), List.of(false, false), false, null, false);
        IndexDef available = new IndexDef(303, "tasks_available_idx", 300, List.of(3, 2), List.of(false, true), false,
                "state IN ('available', 'scheduled')", false);
        IndexDef locked = new IndexDef(304, "tasks_locked_idx", 300, List.of(5), List.of(false), false, "locked_at IS NOT NULL", false);
        catalog.putTable(new TableDef(300, "public", "tasks", List.of(
                new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("state", DataType.TEXT, true, null),
                new ColumnDef("priority", DataType.INT4, true, null), new ColumnDef("queue", DataType.TEXT, true, null),
                new ColumnDef("run_at", DataType.TIMESTAMPTZ, true, null), new ColumnDef("locked_at", DataType.TIMESTAMPTZ, false, null)),
                List.of(0), "tasks_pkey", List.of(queued, byQueue, available, locked), 0));
        IndexDef byA = new IndexDef(401, "two_a_idx", 400, List.of(1), List.of(false), false, null, false);
        IndexDef byB = new IndexDef(402, "two_b_idx", 400, List.of(2), List.of(false), false, null, false);
        catalog.putTable(new TableDef(400, "public", "two", List.of(
                new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("a", DataType.INT4, true, null),
                new ColumnDef("b", DataType.INT4, true, null)), List.of(0), "two_pkey", List.of(byA, byB), 0));
    }

    private String plan(String sql, Statistics statistics) {
        PlanContext pc = new PlanContext(catalog, null, null, new ParamTypes(null), statistics);
        return PlannedStatement.explain(StatementPlanner.plan(pc, ((JsqlStatement) SqlFrontEnd.parse(sql)).statement()));
    }

    private String plan(String sql) {
        return plan(sql, Statistics.NONE);
    }

    private static Statistics rows(long rowCount, long... distinct) {
        return table -> new TableStatistics(rowCount, distinct.length == 0 ? null : distinct);
    }

    @Test
    void claimReadsPartialIndexInOrderAndLocksUnderLimit() {
        String expected = String.join("\n",
                "Limit",
                "  ->  LockRows",
                "        ->  Index Scan using tasks_queued_idx on tasks",
                "              Filter: (state = 'queued')");
        assertEquals(expected, plan("SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 100 FOR UPDATE SKIP LOCKED"));
        // a million rows and a LIMIT only known at execution: still the ordered index, no Sort
        assertEquals(expected, plan("SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority DESC, id LIMIT $1 FOR UPDATE SKIP LOCKED",
                rows(1_000_000)));
    }

    @Test
    void claimPlannedWhileTheQueueIsEmptyStillReadsTheIndex() {
        // plans are cached: one made for an empty queue must still suit a full one
        String p = plan("SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority DESC, id LIMIT $1 FOR UPDATE SKIP LOCKED", rows(0));
        assertTrue(p.contains("Index Scan using tasks_queued_idx on tasks"), p);
        assertFalse(p.contains("Sort"), p);
    }

    @Test
    void reversedOrderReadsBackward() {
        String p = plan("SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority, id DESC LIMIT 5");
        assertTrue(p.contains("Index Scan Backward using tasks_queued_idx on tasks"), p);
        assertFalse(p.contains("Sort"), p);
        String key = plan("SELECT id FROM tasks ORDER BY id DESC LIMIT 5");
        assertTrue(key.contains("Index Scan Backward using tasks_pkey on tasks"), key);
    }

    @Test
    void mixedDirectionsTheIndexLacksNeedASort() {
        String p = plan("SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority DESC, id DESC LIMIT 5");
        assertTrue(p.contains("Sort Key: priority DESC, id DESC"), p);
    }

    @Test
    void equalityPrefixThenOrderAndRange() {
        String p = plan("SELECT id FROM tasks WHERE queue = $1 AND run_at <= now() ORDER BY run_at LIMIT 10", rows(1_000_000));
        assertTrue(p.contains("Index Scan using tasks_queue_run_at_idx on tasks\n        Index Cond: (queue = $1) AND (run_at <= now"), p);
        assertFalse(p.contains("Sort"), p);
    }

    @Test
    void indexEntriesEndWithThePrimaryKey() {
        // (queue, run_at) entries are ordered by (queue, run_at, id): ORDER BY run_at, id needs no Sort
        String p = plan("SELECT id FROM tasks WHERE queue = 'q' ORDER BY run_at, id LIMIT 10");
        assertTrue(p.contains("Index Scan using tasks_queue_run_at_idx"), p);
        assertFalse(p.contains("Sort"), p);
    }

    @Test
    void partialIndexNeedsItsPredicateImplied() {
        // IN-list predicate: implied by one of its values or a subset, not by a value outside it
        assertTrue(plan("SELECT id FROM tasks WHERE queue = 'q' AND state = 'available' ORDER BY priority DESC LIMIT 10")
                .contains("tasks_available_idx"));
        assertTrue(plan("SELECT id FROM tasks WHERE queue = 'q' AND state IN ('scheduled', 'available') ORDER BY priority DESC LIMIT 10")
                .contains("tasks_available_idx"));
        assertFalse(plan("SELECT id FROM tasks WHERE queue = 'q' AND state IN ('available', 'retryable') ORDER BY priority DESC LIMIT 10")
                .contains("tasks_available_idx"));
        // IS NOT NULL: implied by a comparison on the column, not by its absence
        String stale = plan("SELECT id FROM tasks WHERE locked_at < $1 ORDER BY locked_at LIMIT 10");
        assertTrue(stale.contains("Index Scan using tasks_locked_idx on tasks\n        Index Cond: (locked_at < $1)"), stale);
        assertFalse(plan("SELECT id FROM tasks ORDER BY locked_at LIMIT 10").contains("tasks_locked_idx"));
        // equality predicate: implied by the same equality written with a cast, not by another value
        assertTrue(plan("SELECT id FROM tasks WHERE state = 'queued'::text ORDER BY priority DESC, id LIMIT 1").contains("tasks_queued_idx"));
        assertFalse(plan("SELECT id FROM tasks WHERE state = 'running' ORDER BY priority DESC, id LIMIT 1").contains("tasks_queued_idx"));
    }

    @Test
    void statisticsChooseTheMoreSelectiveIndex() {
        String sql = "SELECT id FROM two WHERE a = 1 AND b = 2";
        assertTrue(plan(sql, rows(100_000, 100_000, 2, 50_000)).contains("Index Scan using two_b_idx"), plan(sql, rows(100_000, 100_000, 2, 50_000)));
        assertTrue(plan(sql, rows(100_000, 100_000, 50_000, 2)).contains("Index Scan using two_a_idx"), plan(sql, rows(100_000, 100_000, 50_000, 2)));
        // without ANALYZE: the same default for both, so either index, never a full scan
        assertFalse(plan(sql).contains("Seq Scan"), plan(sql));
    }

    @Test
    void indexMatchingEveryRowLosesToSeqScan() {
        // ANALYZE says a has one value: reading the whole table through the index costs more than scanning it
        String p = plan("SELECT id FROM two WHERE a = 1", rows(100_000, 100_000, 1, 50_000));
        assertTrue(p.contains("Seq Scan on two"), p);
        String selective = plan("SELECT id FROM two WHERE a = 1", rows(100_000, 100_000, 50_000, 50_000));
        assertTrue(selective.contains("Index Scan using two_a_idx"), selective);
    }

    @Test
    void keysetPaginationStartsTheIndexScanAtTheKey() {
        // the row comparison implies a >= $1, which bounds the scan; the comparison itself stays as the filter
        assertEquals(String.join("\n",
                "Limit",
                "  ->  Index Scan using two_a_idx on two",
                "        Index Cond: (a >= $1)",
                "        Filter: (ROW(a, id) > ROW($1, $2))"),
                plan("SELECT id FROM two WHERE (a, id) > ($1, $2) ORDER BY a, id LIMIT 20", rows(100_000, 100_000, 50_000, 50_000)));
        assertEquals(String.join("\n",
                "Limit",
                "  ->  Index Scan Backward using two_a_idx on two",
                "        Index Cond: (a <= $1)",
                "        Filter: (ROW(a, id) <= ROW($1, $2))"),
                plan("SELECT id FROM two WHERE (a, id) <= ($1, $2) ORDER BY a DESC, id DESC LIMIT 20", rows(100_000, 100_000, 50_000, 50_000)));
    }
}
