package io.tableos.db.sql.plan;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TableStatistics;
import io.tableos.db.sql.exec.op.KeyValues;
import io.tableos.db.sql.plan.AccessPathChooser.Constraint;
import io.tableos.db.sql.plan.AccessPathChooser.Wanted;
import io.tableos.db.sql.exec.expr.Conditions.CompareOp;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated cost of reading one table by an access path, in units of one row read by
 * primary key. A path reads the rows its key range covers (the table's row count times the
 * selectivity of the constraints the range uses, and of a partial index's predicate);
 * an ordered path under a LIMIT stops after the rows that make up the limit (dividing by the
 * fraction of read rows the rest of the WHERE clause keeps); a path that does not give the
 * wanted order pays for a sort of everything it keeps. Selectivities follow PostgreSQL's
 * rules: 1/distinct for an equality when ANALYZE measured the column, 1/rows on a
 * single-column unique key, else its defaults (0.005 for equality, 1/3 for an open range).
 */
final class AccessPathCost {
    static final double EQUALITY_SELECTIVITY_DEFAULT = 0.005;
    static final double BOOLEAN_EQUALITY_SELECTIVITY = 0.5;
    static final double OPEN_RANGE_SELECTIVITY = 1.0 / 3;
    static final double CLOSED_RANGE_SELECTIVITY = 0.005;
    /** Values assumed for {@code = ANY($1)} and {@code IN (SELECT ...)}, unknown at planning. */
    static final int UNKNOWN_LIST_VALUES = 10;
    /** Share of the rows a LIMIT $n is assumed to take (PostgreSQL assumes 10%). */
    static final double UNKNOWN_LIMIT_FRACTION = 0.1;
    static final double KEY_ROW_COST = 1.0;
    /** An index entry, then the row fetched by its primary key. */
    static final double INDEX_ROW_COST = 1.5;
    /** Starting one key probe or range. */
    static final double PROBE_COST = 1.0;
    /** Per row and comparison level of an in-memory sort. */
    static final double SORT_COST = 0.05;
    /**
     * Rows a table is costed as holding at least. Plans are cached by statement text, and a
     * queue that is empty when its claim is first planned rarely stays so: costed as empty, the
     * claim would keep a full scan and sort. (PostgreSQL likewise assumes ten pages for a table
     * it has never seen non-empty.)
     */
    static final long PLANNING_ROWS_MIN = TableStatistics.UNKNOWN_ROW_COUNT;

    private final TableDef table;
    private final TableStatistics stats;
    private final double rows;
    private final double whereSelectivity;
    private final Wanted wanted;

    AccessPathCost(TableDef table, TableStatistics stats, List<Constraint> where, Wanted wanted) {
        this.table = table;
        this.stats = stats;
        this.rows = Math.max(PLANNING_ROWS_MIN, stats.rowCount());
        this.wanted = wanted;
        this.whereSelectivity = selectivity(where);
    }

    private boolean orderWanted() {
        return wanted.order() != null && !wanted.order().isEmpty();
    }

    /** Rows the LIMIT takes, or -1 when there is none. */
    private double limitRows() {
        if (wanted.limitRows() == Wanted.LIMIT_UNKNOWN) return Math.max(1, rows * UNKNOWN_LIMIT_FRACTION);
        return wanted.limitRows();
    }

    /** Reading every row in key order (no order served). */
    double fullScan() {
        return PROBE_COST + rows * KEY_ROW_COST + (orderWanted() ? sort(rows * whereSelectivity) : 0);
    }

    /**
     * @param used      the constraints the path's equalities and range come from
     * @param predicate the constraints of a partial index's predicate (empty otherwise)
     */
    double path(IndexDef index, List<Integer> columns, boolean unique, List<Constraint> used, List<Constraint> predicate,
                List<KeyValues> equalities, boolean servesOrder) {
        double probes = 1;
        for (KeyValues v : equalities) probes *= valueCount(v);
        boolean point = unique && equalities.size() == columns.size();
        List<Constraint> matched = new ArrayList<>(used);
        matched.addAll(predicate);
        double matchSelectivity = selectivity(matched);
        // A range reads one entry past its end to know it is done; estimates stay at least one row.
        double covered = point ? probes : Math.max(1, rows * matchSelectivity) + probes;
        double pass = Math.min(1, Math.max(1e-9, whereSelectivity / matchSelectivity));
        double read = covered;
        double limit = limitRows();
        if (servesOrder && limit >= 0) read = Math.min(covered, limit / pass);
        double cost = probes * PROBE_COST + read * (index == null ? KEY_ROW_COST : INDEX_ROW_COST);
        if (orderWanted() && !servesOrder) cost += sort(covered * pass);
        return cost;
    }

    private static double sort(double n) {
        return n * SORT_COST * (Math.log(n + 2) / Math.log(2));
    }

    private static double valueCount(KeyValues v) {
        if (v instanceof KeyValues.Single) return 1;
        if (v instanceof KeyValues.InList in) return in.exprs().size();
        return UNKNOWN_LIST_VALUES;
    }

    /** Product over columns of each column's most selective constraint (a range: both ends count as one closed range). */
    double selectivity(List<Constraint> constraints) {
        Map<Integer, double[]> byColumn = new HashMap<>();
        for (Constraint c : constraints) {
            double[] s = byColumn.computeIfAbsent(c.column(), k -> new double[] {1, 0, 0});
            if (c.op() == CompareOp.EQ) s[0] = Math.min(s[0], Math.min(1, valueCount(c.values()) * equality(c.column())));
            else if (c.op() == CompareOp.GT || c.op() == CompareOp.GE) s[1] = 1;
            else s[2] = 1;
        }
        double product = 1;
        for (double[] s : byColumn.values()) {
            double range = s[1] + s[2] == 2 ? CLOSED_RANGE_SELECTIVITY : s[1] + s[2] == 1 ? OPEN_RANGE_SELECTIVITY : 1;
            product *= Math.min(s[0], range);
        }
        return Math.max(product, 1 / (rows * 10));
    }

    private double equality(int column) {
        long distinct = stats.distinct(column);
        if (distinct > 0) return 1.0 / distinct;
        if (uniqueAlone(column)) return 1 / rows;
        if (table.columns().get(column).type().type() == SqlType.BOOL) return BOOLEAN_EQUALITY_SELECTIVITY;
        return EQUALITY_SELECTIVITY_DEFAULT;
    }

    private boolean uniqueAlone(int column) {
        if (!table.hasHiddenKey() && table.primaryKey().equals(List.of(column))) return true;
        for (IndexDef i : table.indexes()) if (i.unique() && i.predicateSql() == null && i.columns().equals(List.of(column))) return true;
        return false;
    }
}
