package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import java.util.List;

/** Lazily evaluated conditional expressions: CASE, COALESCE, NULLIF. */
public final class Conditionals {
    private Conditionals() {}

    /** Searched CASE (operand null) or simple CASE; results are cast to {@code type}. */
    public record Case(Expr operand, List<Expr> whens, List<Expr> thens, Expr otherwise, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object x = operand == null ? null : operand.eval(row, ctx);
            for (int i = 0; i < whens.size(); i++) {
                Object w = whens.get(i).eval(row, ctx);
                boolean hit = operand == null ? Exprs.isTrue(w) : (x != null && w != null && Operators.compare(x, w) == 0);
                if (hit) return Casts.cast(thens.get(i).eval(row, ctx), type);
            }
            return otherwise == null ? null : Casts.cast(otherwise.eval(row, ctx), type);
        }
    }

    public record Coalesce(List<Expr> args, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            for (Expr e : args) {
                Object v = e.eval(row, ctx);
                if (v != null) return Casts.cast(v, type);
            }
            return null;
        }
        public boolean isRowIndependent() { return args.stream().allMatch(Expr::isRowIndependent); }
    }

    public record NullIf(Expr left, Expr right) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object a = left.eval(row, ctx), b = right.eval(row, ctx);
            return a != null && b != null && Operators.compare(a, b) == 0 ? null : a;
        }
        public DataType type() { return left.type(); }
    }
}
