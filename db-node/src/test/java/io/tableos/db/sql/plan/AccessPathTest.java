package io.tableos.db.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planner's choice of access path, checked on EXPLAIN text without storage: point
 * queries are key lookups and never scans, the best index is chosen, ranges and IN lists
 * use the key, and parameter types are inferred from the columns they meet.
 */
class AccessPathTest {
    private final Catalog catalog = new Catalog();

    AccessPathTest() {
        IndexDef byState = new IndexDef(101, "t_state_idx", 100, List.of(1, 2), List.of(false, true), false, null, false);
        IndexDef byEmail = new IndexDef(102, "t_email_key", 100, List.of(3), List.of(false), true, null, true);
        IndexDef queued = new IndexDef(103, "t_queued_idx", 100, List.of(2), List.of(false), false, "state = 'queued'", false);
        catalog.putTable(new TableDef(100, "public", "t", List.of(
                new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("state", DataType.TEXT, true, null),
                new ColumnDef("priority", DataType.INT4, true, null), new ColumnDef("email", DataType.TEXT, false, null)),
                List.of(0), "t_pkey", List.of(byState, byEmail, queued), 0));
        catalog.putTable(new TableDef(200, "public", "pair", List.of(
                new ColumnDef("a", DataType.INT4, true, null), new ColumnDef("b", DataType.INT4, true, null), new ColumnDef("v", DataType.TEXT, false, null)),
                List.of(0, 1), "pair_pkey", List.of(), 0));
    }

    private record Planned(String plan, ParamTypes params) {}

    private Planned plan(String sql) {
        ParamTypes params = new ParamTypes(null);
        PlanContext pc = new PlanContext(catalog, null, null, params);
        PlannedStatement s = StatementPlanner.plan(pc, ((JsqlStatement) SqlFrontEnd.parse(sql)).statement());
        return new Planned(PlannedStatement.explain(s), params);
    }

    private void assertNoScan(String plan) {
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void pointQueryIsKeyLookup() {
        Planned p = plan("SELECT * FROM t WHERE id = $1");
        assertTrue(p.plan().contains("Index Scan using t_pkey on t\n  Index Cond: (id = $1)"), p.plan());
        assertNoScan(p.plan());
        assertEquals(List.of(DataType.INT8), p.params().resolved());
    }

    @Test
    void inListAndAnyArrayAreKeyLookups() {
        String in = plan("SELECT * FROM t WHERE id IN (1, 2, 3)").plan();
        assertTrue(in.contains("Index Scan using t_pkey on t\n  Index Cond: (id = ANY ([1, 2, 3]))"), in);
        Planned any = plan("SELECT * FROM t WHERE id = ANY($1)");
        assertTrue(any.plan().contains("Index Scan using t_pkey on t\n  Index Cond: (id = ANY ($1))"), any.plan());
        assertEquals(List.of(DataType.arrayOf(io.tableos.db.types.SqlType.INT8)), any.params().resolved());
    }

    @Test
    void compositeKeyPrefixIsRangeAndFullKeyIsLookup() {
        String full = plan("SELECT v FROM pair WHERE a = 1 AND b = 2").plan();
        assertTrue(full.contains("Index Scan using pair_pkey on pair\n  Index Cond: (a = 1) AND (b = 2)"), full);
        String prefix = plan("SELECT v FROM pair WHERE a = 1 AND b > 5").plan();
        assertTrue(prefix.contains("Index Scan using pair_pkey on pair\n  Index Cond: (a = 1) AND (b > 5)"), prefix);
    }

    @Test
    void uniqueIndexBeatsPrefixIndex() {
        String p = plan("SELECT id FROM t WHERE email = 'x' AND state = 'queued'").plan();
        assertTrue(p.contains("Index Scan using t_email_key"), p);
    }

    @Test
    void partialIndexOnlyWhenPredicateIsImplied() {
        String with = plan("SELECT id FROM t WHERE priority = 3 AND state = 'queued'").plan();
        assertTrue(with.contains("t_state_idx") || with.contains("t_queued_idx"), with);
        String without = plan("SELECT id FROM t WHERE priority = 3").plan();
        assertFalse(without.contains("t_queued_idx"), without);
    }

    @Test
    void indexOrderServesOrderByWithoutSort() {
        String p = plan("SELECT id FROM t WHERE state = $1 ORDER BY priority DESC LIMIT 10").plan();
        assertTrue(p.contains("Index Scan using t_state_idx"), p);
        assertFalse(p.contains("Sort"), p);
    }

    @Test
    void joinOnInnerKeyUsesLookups() {
        String p = plan("SELECT t.id FROM pair p JOIN t ON t.id = p.a WHERE p.a = 1").plan();
        assertTrue(p.contains("  ->  Index Scan using t_pkey on t\n        Index Cond: (id = a)"), p);
        assertNoScan(p);
    }

    @Test
    void insertParametersTakeColumnTypes() {
        Planned p = plan("INSERT INTO t (id, state, priority) VALUES ($1, $2, $3)");
        assertEquals(List.of(DataType.INT8, DataType.TEXT, DataType.INT4), p.params().resolved());
    }

    @Test
    void parameterTimesIntervalIsDouble() {
        assertEquals(List.of(DataType.FLOAT8), plan("SELECT now() + $1 * interval '1 second'").params().resolved());
    }

    @Test
    void updateByKeyLocksOnlyThatRow() {
        String p = plan("UPDATE t SET priority = priority + 1 WHERE id = $1").plan();
        assertTrue(p.contains("->  Index Scan using t_pkey on t\n        Index Cond: (id = $1)"), p);
        assertNoScan(p);
    }
}
