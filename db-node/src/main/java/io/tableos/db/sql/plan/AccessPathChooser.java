package io.tableos.db.sql.plan;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
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
import java.util.Set;

/**
 * Chooses how to read a table from the constraints the WHERE clause (and a join) puts on
 * its columns: a primary-key point lookup beats a unique-index lookup, which beats the
 * longest equality prefix (plus a range) on the key or an index; with no usable constraint,
 * a full scan, in key order when that order serves the ORDER BY. The WHERE clause is
 * always re-applied to the rows found, so a path only has to find a superset.
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

    static Choice choose(TableDef table, List<Constraint> constraints, Set<Long> usablePartialIndexes, List<SortKey> order) {
        AccessPath best = null;
        int bestScore = 0;
        List<Boolean> bestDesc = null;
        List<Integer> bestColumns = null;
        if (!table.hasHiddenKey()) {
            List<Boolean> asc = new ArrayList<>();
            for (int i = 0; i < table.primaryKey().size(); i++) asc.add(false);
            Candidate c = evaluate(null, table.primaryKey(), asc, true, constraints);
            if (c != null) { best = c.path; bestScore = c.score + 1; bestDesc = asc; bestColumns = table.primaryKey(); }
        }
        for (IndexDef index : table.indexes()) {
            if (index.predicateSql() != null && !usablePartialIndexes.contains(index.id())) continue;
            Candidate c = evaluate(index, index.columns(), index.descending(), index.unique(), constraints);
            if (c != null && c.score > bestScore) { best = c.path; bestScore = c.score; bestDesc = index.descending(); bestColumns = index.columns(); }
        }
        if (best != null) {
            Boolean backward = order == null ? null : orderDirection(best, bestColumns, bestDesc, order);
            if (backward != null) {
                return new Choice(new AccessPath(best.index(), best.equalities(), best.low(), best.lowInclusive(), best.high(),
                        best.highInclusive(), backward), true);
            }
            return new Choice(best, false);
        }
        if (order != null && !order.isEmpty()) {
            if (!table.hasHiddenKey()) {
                List<Boolean> asc = new ArrayList<>();
                for (int i = 0; i < table.primaryKey().size(); i++) asc.add(false);
                Boolean backward = orderDirection(AccessPath.fullScan(false), table.primaryKey(), asc, order);
                if (backward != null) return new Choice(AccessPath.fullScan(backward), true);
            }
            for (IndexDef index : table.indexes()) {
                if (index.predicateSql() != null) continue;
                AccessPath scan = new AccessPath(index, List.of(), null, false, null, false, false);
                Boolean backward = orderDirection(scan, index.columns(), index.descending(), order);
                if (backward != null) return new Choice(new AccessPath(index, List.of(), null, false, null, false, backward), true);
            }
        }
        return new Choice(AccessPath.fullScan(false), false);
    }

    private record Candidate(AccessPath path, int score) {}

    private static Candidate evaluate(IndexDef index, List<Integer> columns, List<Boolean> descending, boolean unique, List<Constraint> cs) {
        List<KeyValues> eq = new ArrayList<>();
        boolean allSingle = true;
        for (int col : columns) {
            Constraint found = null;
            for (Constraint c : cs) {
                if (c.column() != col || c.op() != CompareOp.EQ) continue;
                if (found == null || (c.values() instanceof KeyValues.Single && !(found.values() instanceof KeyValues.Single))) found = c;
            }
            if (found == null) break;
            eq.add(found.values());
            allSingle &= found.values() instanceof KeyValues.Single;
        }
        Expr low = null, high = null;
        boolean lowInclusive = false, highInclusive = false;
        if (eq.size() < columns.size()) {
            int col = columns.get(eq.size());
            for (Constraint c : cs) {
                if (c.column() != col || c.bound() == null) continue;
                if ((c.op() == CompareOp.GT || c.op() == CompareOp.GE) && low == null) { low = c.bound(); lowInclusive = c.op() == CompareOp.GE; }
                if ((c.op() == CompareOp.LT || c.op() == CompareOp.LE) && high == null) { high = c.bound(); highInclusive = c.op() == CompareOp.LE; }
            }
        }
        if (eq.isEmpty() && low == null && high == null) return null;
        boolean full = eq.size() == columns.size();
        int score = full && unique ? (allSingle ? 1000 : 900) : eq.size() * 10 + (low != null || high != null ? 5 : 0);
        return new Candidate(new AccessPath(index, eq, low, lowInclusive, high, highInclusive, false), score);
    }

    /**
     * Whether reading along {@code columns} yields the requested order: null when it does
     * not, else whether to read backward. Columns fixed by a single equality are skipped.
     */
    private static Boolean orderDirection(AccessPath path, List<Integer> columns, List<Boolean> descending, List<SortKey> order) {
        for (KeyValues v : path.equalities()) if (!(v instanceof KeyValues.Single)) return null;
        int fixed = path.equalities().size();
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
