package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Subquery expressions. A correlated subquery sees the current row through the outer-row
 * stack of {@link ExecContext}; an uncorrelated one is computed once per execution.
 */
public final class Subqueries {
    private Subqueries() {}

    static List<Object[]> run(PlanNode plan, Object[] row, ExecContext ctx, int maxRows) {
        ctx.pushOuter(row);
        try (RowIterator it = ctx.open(plan, null)) {
            List<Object[]> rows = new ArrayList<>();
            Object[] r;
            while ((r = it.next()) != null) {
                rows.add(r.clone());
                if (rows.size() >= maxRows) break;
            }
            return rows;
        } finally {
            ctx.popOuter();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Object[]> rows(Expr owner, PlanNode plan, boolean correlated, Object[] row, ExecContext ctx, int maxRows) {
        if (correlated) return run(plan, row, ctx, maxRows);
        Object cached = ctx.onceCache().get(owner);
        if (cached == null) {
            cached = run(plan, row, ctx, maxRows);
            ctx.onceCache().put(owner, cached);
        }
        return (List<Object[]>) cached;
    }

    public record Scalar(PlanNode plan, DataType type, boolean correlated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            List<Object[]> rows = rows(this, plan, correlated, row, ctx, 2);
            if (rows.size() > 1) throw new DbException(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            return rows.isEmpty() ? null : rows.get(0)[0];
        }
        public boolean isRowIndependent() { return !correlated; }
        public String toString() { return "(subquery)"; }
    }

    public record Exists(PlanNode plan, boolean correlated, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            return rows(this, plan, correlated, row, ctx, 1).isEmpty() == negated;
        }
        public DataType type() { return DataType.BOOL; }
        public String toString() { return (negated ? "NOT " : "") + "EXISTS (subquery)"; }
    }

    /** x [NOT] IN (SELECT ...), with x op ANY (SELECT ...) as the general form. */
    public record In(Expr input, PlanNode plan, boolean correlated, boolean negated, Conditions.CompareOp op, boolean all) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object x = input.eval(row, ctx);
            List<Object[]> rows = rows(this, plan, correlated, row, ctx, Limits.SUBQUERY_ROWS_MAX);
            if (rows.isEmpty()) return negated != all ? Boolean.TRUE : Boolean.FALSE;
            if (x == null) return null;
            boolean sawNull = false;
            for (Object[] r : rows) {
                Object v = r[0];
                if (v == null) { sawNull = true; continue; }
                boolean hit = op.test(Operators.compare(x, v));
                if (hit && !all) return !negated;
                if (!hit && all) return negated;
            }
            return sawNull ? null : (all != negated);
        }
        public DataType type() { return DataType.BOOL; }

        public String toString() {
            return input + (negated ? " NOT" : "") + (op == Conditions.CompareOp.EQ && !all ? " IN" : " " + op.sql + (all ? " ALL" : " ANY")) + " (subquery)";
        }

        /** The subquery's values (for key lookups driven by an uncorrelated IN subquery). */
        public List<Object[]> values(ExecContext ctx) {
            return rows(this, plan, correlated, null, ctx, Limits.SUBQUERY_ROWS_MAX);
        }
    }

    /**
     * {@code (a, b) [NOT] IN (SELECT x, y ...)}: true when some row equals the input column by
     * column; otherwise NULL when some comparison was unknown (a NULL on either side), else false.
     */
    public record RowIn(List<Expr> inputs, PlanNode plan, boolean correlated, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object[] values = new Object[inputs.size()];
            for (int i = 0; i < values.length; i++) values[i] = inputs.get(i).eval(row, ctx);
            boolean unknown = false;
            for (Object[] member : rows(this, plan, correlated, row, ctx, Limits.SUBQUERY_ROWS_MAX)) {
                Boolean equal = Boolean.TRUE;
                for (int i = 0; i < values.length && equal != Boolean.FALSE; i++) {
                    if (values[i] == null || member[i] == null) equal = null;
                    else if (Operators.compare(values[i], member[i]) != 0) equal = Boolean.FALSE;
                }
                if (equal == Boolean.TRUE) return !negated;
                if (equal == null) unknown = true;
            }
            return unknown ? null : negated;
        }
        public DataType type() { return DataType.BOOL; }
        public String toString() { return inputs + (negated ? " NOT IN" : " IN") + " (subquery)"; }
    }
}
