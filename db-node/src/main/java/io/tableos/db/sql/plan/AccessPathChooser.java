package io.tableos.db.sql.plan;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TableStatistics;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Conditions.CompareOp;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.expr.Subqueries;
import io.tableos.db.sql.exec.op.AccessPath;
import io.tableos.db.sql.exec.op.KeyValues;
import io.tableos.db.sql.exec.op.SortKey;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to read a table from the constraints the WHERE clause (and a join) puts on
 * its columns, the order and row count the query wants, and the table's statistics: every
 * candidate (the primary key, each index, each partial index the WHERE clause implies) is
 * read with its longest equality prefix plus a range, or in full when its order serves the
 * ORDER BY, and the cheapest by {@link AccessPathCost} wins. The WHERE clause is always
 * re-applied to the rows found, so a path only has to find a superset.
 */
final class AccessPathChooser {
    private AccessPathChooser() {}

    /** {@code column op value}: op EQ carries {@code values}; a range op carries {@code bound}. */
    record Constraint(int column, CompareOp op, KeyValues values, Expr bound) {}

    record Choice(AccessPath path, boolean servesOrder) {}

    /** Constraints a compiled, table-local condition puts on the table's columns. */
    static void extract(Expr e, int columnCount, List<Constraint> out) {
        if (e instanceof Conditions.And and) {
            for (Expr t : and.terms()) extract(t, columnCount, out);
            return;
        }
        if (e instanceof Conditions.Compare c && c.op() != CompareOp.NE) {
            if (isColumn(c.left(), columnCount) && c.right().isRowIndependent()) add(out, (Exprs.ColumnRef) c.left(), c.op(), c.right());
            else if (isColumn(c.right(), columnCount) && c.left().isRowIndependent()) add(out, (Exprs.ColumnRef) c.right(), c.op().flip(), c.left());
            return;
        }
        if (e instanceof Conditions.InList in && !in.negated() && isColumn(in.input(), columnCount)
                && in.values().stream().allMatch(Expr::isRowIndependent)) {
            out.add(new Constraint(((Exprs.ColumnRef) in.input()).index(), CompareOp.EQ, new KeyValues.InList(in.values()), null));
            return;
        }
        if (e instanceof Conditions.ArrayCompare a && a.op() == CompareOp.EQ && !a.all() && isColumn(a.input(), columnCount)
                && a.array().isRowIndependent()) {
            out.add(new Constraint(((Exprs.ColumnRef) a.input()).index(), CompareOp.EQ, new KeyValues.ArrayElements(a.array()), null));
            return;
        }
        if (e instanceof Subqueries.In in && !in.negated() && !in.correlated() && in.op() == CompareOp.EQ && !in.all()
                && isColumn(in.input(), columnCount)) {
            out.add(new Constraint(((Exprs.ColumnRef) in.input()).index(), CompareOp.EQ, new KeyValues.SubqueryRows(in), null));
        }
    }

    private static boolean isColumn(Expr e, int columnCount) {
        return e instanceof Exprs.ColumnRef r && r.index() < columnCount;
    }

    private static void add(List<Constraint> out, Exprs.ColumnRef column, CompareOp op, Expr value) {
        if (op == CompareOp.EQ) out.add(new Constraint(column.index(), op, new KeyValues.Single(value), null));
        else if (rangeUsable(column.type(), value.type())) out.add(new Constraint(column.index(), op, null, value));
    }

    /**
     * A range bound is used only when casting it to the column type cannot move it across
     * column values (e.g. 1.5 on an integer key would round), so the found rows stay a superset.
     */
    private static boolean rangeUsable(DataType column, DataType value) {
        SqlType c = column.type(), v = value.type();
        if (v == SqlType.UNKNOWN || c == v) return true;
        if (c.isInteger()) return v.isInteger();
        if (c == SqlType.NUMERIC || c == SqlType.FLOAT8) return v.isInteger() || v == SqlType.NUMERIC;
        if (c.isText()) return v.isText();
        return false;
    }

    /**
     * A partial index the WHERE clause implies, with the constraints its predicate puts on
     * columns (they tell how much of the table the index holds).
     */
    record UsablePartialIndex(IndexDef index, List<Constraint> predicate) {}

    /**
     * What the query wants from the table besides its rows: an order (null: none) and, when
     * known, how many rows it will take in that order (LIMIT + OFFSET; negative: all).
     */
    record Wanted(List<SortKey> order, long limitRows) {
        /** A LIMIT whose value is known only at execution ($n). */
        static final long LIMIT_UNKNOWN = -2;
        static final long NO_LIMIT = -1;
        static final Wanted ROWS = new Wanted(null, NO_LIMIT);
    }

    /**
     * The cheapest path by {@link AccessPathCost}: each index (a partial one only when
     * implied) and the primary key are costed with their longest equality prefix and range,
     * or as an ordered full scan when that serves the wanted order.
     */
    static Choice choose(TableDef table, List<Constraint> constraints, List<UsablePartialIndex> usablePartial, Wanted wanted,
                         TableStatistics stats) {
        AccessPathCost cost = new AccessPathCost(table, stats, constraints, wanted);
        AccessPath bestPath = AccessPath.fullScan(false);
        boolean bestServes = false;
        double bestCost = cost.fullScan();
        List<Candidate> candidates = new ArrayList<>();
        if (!table.hasHiddenKey()) {
            List<Boolean> asc = new ArrayList<>();
            for (int i = 0; i < table.primaryKey().size(); i++) asc.add(false);
            candidates.add(new Candidate(null, table.primaryKey(), asc, true, List.of()));
        }
        for (IndexDef index : table.indexes()) {
            if (index.predicateSql() == null) candidates.add(new Candidate(index, index.columns(), index.descending(), index.unique(), List.of()));
        }
        for (UsablePartialIndex u : usablePartial) {
            IndexDef index = u.index();
            candidates.add(new Candidate(index, index.columns(), index.descending(), index.unique(), u.predicate()));
        }
        for (Candidate c : candidates) {
            Bounds b = bounds(c.columns, constraints);
            Boolean backward = wanted.order() == null || wanted.order().isEmpty() ? null
                    : orderDirection(b.equalities, scanOrder(table, c), scanDescending(table, c), wanted.order());
            boolean constrained = !b.equalities.isEmpty() || b.low != null || b.high != null;
            if (!constrained && backward == null && c.predicate.isEmpty()) continue;
            double estimate = cost.path(c.index, c.columns, c.unique, b.used, c.predicate, b.equalities, backward != null);
            if (estimate < bestCost) {
                bestCost = estimate;
                bestServes = backward != null;
                bestPath = new AccessPath(c.index, b.equalities, b.low, b.lowInclusive, b.high, b.highInclusive, Boolean.TRUE.equals(backward),
                        backward != null);
            }
        }
        return new Choice(bestPath, bestServes);
    }

    private record Candidate(IndexDef index, List<Integer> columns, List<Boolean> descending, boolean unique, List<Constraint> predicate) {}

    /**
     * The columns a scan is ordered by: a secondary index's entries are keyed by its columns
     * and then the primary key (ascending), so {@code (priority DESC)} also yields
     * {@code ORDER BY priority DESC, id}.
     */
    private static List<Integer> scanOrder(TableDef table, Candidate c) {
        if (c.index == null || table.hasHiddenKey()) return c.columns;
        List<Integer> out = new ArrayList<>(c.columns);
        out.addAll(table.primaryKey());
        return out;
    }

    private static List<Boolean> scanDescending(TableDef table, Candidate c) {
        if (c.index == null || table.hasHiddenKey()) return c.descending;
        List<Boolean> out = new ArrayList<>(c.descending);
        for (int i = 0; i < table.primaryKey().size(); i++) out.add(false);
        return out;
    }

    /** The equality prefix and the range on the next column that the constraints give along {@code columns}. */
    private record Bounds(List<KeyValues> equalities, Expr low, boolean lowInclusive, Expr high, boolean highInclusive, List<Constraint> used) {}

    private static Bounds bounds(List<Integer> columns, List<Constraint> cs) {
        List<KeyValues> eq = new ArrayList<>();
        List<Constraint> used = new ArrayList<>();
        for (int col : columns) {
            Constraint found = null;
            for (Constraint c : cs) {
                if (c.column() != col || c.op() != CompareOp.EQ) continue;
                if (found == null || (c.values() instanceof KeyValues.Single && !(found.values() instanceof KeyValues.Single))) found = c;
            }
            if (found == null) break;
            eq.add(found.values());
            used.add(found);
        }
        Expr low = null, high = null;
        boolean lowInclusive = false, highInclusive = false;
        if (eq.size() < columns.size()) {
            int col = columns.get(eq.size());
            for (Constraint c : cs) {
                if (c.column() != col || c.bound() == null) continue;
                if ((c.op() == CompareOp.GT || c.op() == CompareOp.GE) && low == null) { low = c.bound(); lowInclusive = c.op() == CompareOp.GE; used.add(c); }
                if ((c.op() == CompareOp.LT || c.op() == CompareOp.LE) && high == null) { high = c.bound(); highInclusive = c.op() == CompareOp.LE; used.add(c); }
            }
        }
        return new Bounds(eq, low, lowInclusive, high, highInclusive, used);
    }

    /**
     * Whether reading along {@code columns} yields the requested order: null when it does
     * not, else whether to read backward. Columns fixed by a single equality are skipped.
     */
    private static Boolean orderDirection(List<KeyValues> equalities, List<Integer> columns, List<Boolean> descending, List<SortKey> order) {
        for (KeyValues v : equalities) if (!(v instanceof KeyValues.Single)) return null;
        int fixed = equalities.size();
        int position = fixed;
        Boolean backward = null;
        for (SortKey key : order) {
            if (!(key.expr() instanceof Exprs.ColumnRef ref)) return null;
            int fixedAt = columns.indexOf(ref.index());
            if (fixedAt >= 0 && fixedAt < fixed) continue;
            if (position >= columns.size() || columns.get(position) != ref.index()) return null;
            if (key.nullsFirst() != key.descending()) return null;
            boolean back = key.descending() != descending.get(position);
            if (backward != null && backward != back) return null;
            backward = back;
            position++;
        }
        return backward == null ? Boolean.FALSE : backward;
    }
}
