package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Conditions.CompareOp;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.func.Operators;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a query's WHERE clause implies a partial index's predicate, so every row the query
 * can return is in the index. Both sides are compiled over the same table, split at AND; each
 * predicate conjunct must follow from one WHERE conjunct by a rule that is sound for SQL's
 * three-valued logic (a WHERE conjunct passes only when true, so its columns are not null):
 * <ul>
 * <li>the same condition;</li>
 * <li>{@code col = c} from {@code col = c} (constants compared by value, after casts);</li>
 * <li>{@code col IN (list)} from {@code col = c} with c in the list, or {@code col IN (sublist)};</li>
 * <li>{@code col IS NOT NULL} from any comparison, IN, ANY, LIKE or IS NOT NULL on col.</li>
 * </ul>
 * Anything else is not implied (the index is then simply not used).
 */
final class PredicateImplication {
    private PredicateImplication() {}

    static boolean implies(List<Expr> where, Expr predicate) {
        List<Expr> needed = new ArrayList<>();
        split(predicate, needed);
        List<Expr> have = new ArrayList<>();
        for (Expr w : where) split(w, have);
        for (Expr p : needed) {
            boolean found = false;
            for (Expr w : have) {
                if (impliesOne(w, p)) { found = true; break; }
            }
            if (!found) return false;
        }
        return true;
    }

    private static void split(Expr e, List<Expr> out) {
        if (e instanceof Conditions.And and) for (Expr t : and.terms()) split(t, out);
        else out.add(e);
    }

    private static boolean impliesOne(Expr w, Expr p) {
        if (w.equals(p) || w.toString().equals(p.toString())) return true;
        if (p instanceof Conditions.IsNull n && n.negated() && n.input() instanceof Exprs.ColumnRef col) return constrainsNonNull(w, col);
        Values pv = columnValues(p);
        Values wv = columnValues(w);
        if (pv == null || wv == null || pv.column().index() != wv.column().index()) return false;
        for (Object v : wv.values()) if (!containsValue(pv.values(), v)) return false;
        return true;
    }

    /** {@code col = c} or {@code col IN (c1, ...)} with constant values: the column and its values. */
    private record Values(Exprs.ColumnRef column, List<Object> values) {}

    private static Values columnValues(Expr e) {
        if (e instanceof Conditions.Compare c && c.op() == CompareOp.EQ) {
            Constant right = constant(c.right()), left = constant(c.left());
            if (c.left() instanceof Exprs.ColumnRef col && right != null) return new Values(col, List.of(right.value()));
            if (c.right() instanceof Exprs.ColumnRef col && left != null) return new Values(col, List.of(left.value()));
            return null;
        }
        if (e instanceof Conditions.InList in && !in.negated() && in.input() instanceof Exprs.ColumnRef col) {
            List<Object> values = new ArrayList<>();
            for (Expr v : in.values()) {
                Constant k = constant(v);
                if (k == null) return null;
                values.add(k.value());
            }
            return new Values(col, values);
        }
        return null;
    }

    private record Constant(Object value) {}

    /** The value of a literal, possibly cast; null when the expression is something else or NULL. */
    private static Constant constant(Expr e) {
        Expr inner = e;
        while (inner instanceof Exprs.Cast c) inner = c.input();
        if (!(inner instanceof Exprs.Literal)) return null;
        try {
            Object v = e.eval(null, null);
            return v == null ? null : new Constant(v);
        } catch (RuntimeException notConstant) {
            return null;
        }
    }

    private static boolean containsValue(List<Object> values, Object v) {
        for (Object x : values) {
            try {
                if (Operators.compare(x, v) == 0) return true;
            } catch (RuntimeException incomparable) {
                // different types: not the same value
            }
        }
        return false;
    }

    /** A WHERE conjunct that is true only when the column is not null. */
    private static boolean constrainsNonNull(Expr w, Exprs.ColumnRef col) {
        if (w instanceof Conditions.IsNull n) return n.negated() && isColumn(n.input(), col);
        if (w instanceof Conditions.Compare c) return isColumn(c.left(), col) || isColumn(c.right(), col);
        if (w instanceof Conditions.InList in) return !in.negated() && isColumn(in.input(), col);
        if (w instanceof Conditions.ArrayCompare a) return isColumn(a.input(), col);
        if (w instanceof Conditions.Like l) return isColumn(l.input(), col);
        return false;
    }

    private static boolean isColumn(Expr e, Exprs.ColumnRef col) {
        return e instanceof Exprs.ColumnRef r && r.index() == col.index();
    }
}
