package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.JsonFunctions;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/** Expressions over structured values: array subscripts, ARRAY(subquery), JSON operators, row comparison. */
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

    /** Row comparison {@code (a, b) < (c, d)}: lexicographic, NULL when undecided by a NULL. */
    public record RowCompare(Conditions.CompareOp op, List<Expr> left, List<Expr> right) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            for (int i = 0; i < left.size(); i++) {
                Object a = left.get(i).eval(row, ctx), b = right.get(i).eval(row, ctx);
                if (a == null || b == null) return null;
                int c = Operators.compare(a, b);
                if (c != 0) return op == Conditions.CompareOp.NE || (op != Conditions.CompareOp.EQ && op.test(c));
            }
            return op == Conditions.CompareOp.EQ || op == Conditions.CompareOp.LE || op == Conditions.CompareOp.GE;
        }
        public DataType type() { return DataType.BOOL; }
    }
}
