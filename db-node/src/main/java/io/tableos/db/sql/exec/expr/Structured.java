package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.JsonFunctions;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Expressions over structured values: array subscripts, ARRAY(subquery), JSON operators, row values and their comparison. */
public final class Structured {
    private Structured() {}

    /** {@code a[i]}: 1-based (0-based for int2vector/oidvector); NULL when out of range. */
    public record Subscript(Expr array, Expr index, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object a = array.eval(row, ctx), i = index.eval(row, ctx);
            if (a == null || i == null) return null;
            Object[] elements = ((SqlArray) a).elements();
            int n = ((Number) i).intValue() - array.type().arrayLowerBound();
            return n >= 0 && n < elements.length ? elements[n] : null;
        }
    }

    /** {@code ARRAY(SELECT x ...)}: the single column's values as an array (empty array for no rows). */
    public record ArraySubquery(PlanNode plan, DataType type, boolean correlated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            List<Object> values = new ArrayList<>();
            ctx.pushOuter(row);
            try (RowIterator it = plan.open(ctx, null)) {
                Object[] r;
                while ((r = it.next()) != null) {
                    Limits.check(values.size() + 1, Limits.SUBQUERY_ROWS_MAX, "ARRAY subquery");
                    values.add(r[0]);
                }
            } finally {
                ctx.popOuter();
            }
            return new SqlArray(type.element(), values.toArray());
        }
    }

    /** JSON operators {@code -> ->> #> #>> @> ?} over json/jsonb values (text representation). */
    public record JsonOperator(String op, Expr json, Expr key, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object j = json.eval(row, ctx), k = key.eval(row, ctx);
            if (j == null || k == null) return null;
            boolean jsonb = json.type().type() != SqlType.JSON;
            return switch (op) {
                case "->" -> JsonFunctions.get(j, k, jsonb);
                case "->>" -> JsonFunctions.getText(j, k);
                case "#>" -> JsonFunctions.getPath(j, k, jsonb);
                case "#>>" -> JsonFunctions.getPathText(j, k);
                case "@>" -> JsonFunctions.contains(j, k);
                case "?" -> JsonFunctions.hasKey(j, k);
                default -> throw new IllegalStateException(op);
            };
        }

        public static DataType resultType(String op, DataType jsonType) {
            return switch (op) {
                case "->", "#>" -> jsonType.type() == SqlType.JSON ? DataType.JSON : DataType.JSONB;
                case "@>", "?" -> DataType.BOOL;
                default -> DataType.TEXT;
            };
        }
    }

    /** A row value: {@code ROW(a, b)}, {@code (a, b)}, or a whole-row reference to a FROM item. */
    public record RowOf(List<Expr> fields, List<DataType> fieldTypes) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) values[i] = fields.get(i).eval(row, ctx);
            return new SqlRow(values, fieldTypes);
        }
        public DataType type() { return DataType.RECORD; }
        public boolean isRowIndependent() { return fields.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return rowText(fields); }
    }

    /**
     * Comparison of two row constructors, {@code (a, b) < (c, d)}, with PostgreSQL's rules: = holds when every pair of
     * fields is equal and fails when some pair is unequal (NULL otherwise); <> the converse; <, <=, >, >= decide at the
     * first pair that is unequal or has a NULL (which makes the answer NULL), and on equal rows only <= and >= hold.
     * Fields are evaluated left to right and no further than the answer needs, as PostgreSQL evaluates them.
     */
    public record RowCompare(Conditions.CompareOp op, List<Expr> left, List<Expr> right) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            return compare(op, left, i -> right.get(i).eval(row, ctx), row, ctx);
        }

        /** {@code left op right} where {@code right} gives the right row's i-th field. */
        static Boolean compare(Conditions.CompareOp op, List<Expr> left, IntFunction<Object> right, Object[] row, ExecContext ctx) {
            return switch (op) {
                case EQ -> allEqual(left, right, row, ctx);
                case NE -> negate(allEqual(left, right, row, ctx));
                default -> ordered(op, left, right, row, ctx);
            };
        }

        private static Boolean allEqual(List<Expr> left, IntFunction<Object> right, Object[] row, ExecContext ctx) {
            boolean sawNull = false;
            for (int i = 0; i < left.size(); i++) {
                Object a = left.get(i).eval(row, ctx), b = right.apply(i);
                if (a == null || b == null) sawNull = true;
                else if (Operators.compare(a, b) != 0) return Boolean.FALSE;
            }
            return sawNull ? null : Boolean.TRUE;
        }

        private static Boolean negate(Boolean b) {
            return b == null ? null : !b;
        }

        private static Boolean ordered(Conditions.CompareOp op, List<Expr> left, IntFunction<Object> right, Object[] row, ExecContext ctx) {
            for (int i = 0; i < left.size(); i++) {
                Object a = left.get(i).eval(row, ctx), b = right.apply(i);
                if (a == null || b == null) return null;
                int c = Operators.compare(a, b);
                if (c != 0) return op.test(c);
            }
            return op == Conditions.CompareOp.LE || op == Conditions.CompareOp.GE;
        }

        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return left.stream().allMatch(Expr::isRowIndependent) && right.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return rowText(left) + " " + op.sql + " " + rowText(right); }
    }

    /**
     * {@code (a, b) op (SELECT x, y ...)}: the subquery's row compared as a row constructor would be; NULL when it returns
     * no row, 21000 when it returns more than one, as in PostgreSQL.
     */
    public record RowSubqueryCompare(Conditions.CompareOp op, List<Expr> left, PlanNode plan, boolean correlated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            List<Object[]> rows = Subqueries.rows(this, plan, correlated, row, ctx, 2);
            if (rows.size() > 1) throw new DbException(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            if (rows.isEmpty()) return null;
            Object[] values = rows.get(0);
            return RowCompare.compare(op, left, i -> values[i], row, ctx);
        }
        public DataType type() { return DataType.BOOL; }
        public String toString() { return rowText(left) + " " + op.sql + " (subquery)"; }
    }

    /** As PostgreSQL's EXPLAIN shows a row constructor. */
    private static String rowText(List<Expr> fields) {
        return "ROW(" + String.join(", ", fields.stream().map(Object::toString).toList()) + ")";
    }
}
