package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Leaf and value-shaping expressions: constants, column and parameter references, casts, arithmetic. */
public final class Exprs {
    private Exprs() {}

    public record Literal(Object value, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { return value; }
        public boolean isRowIndependent() { return true; }
        public String toString() { return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value); }
    }

    /** A column of the input row. */
    public record ColumnRef(int index, DataType type, String name) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { return row[index]; }
        public String toString() { return name; }
    }

    /** A column of an enclosing query's current row (correlated subquery). */
    public record OuterRef(int level, int index, DataType type, String name) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { return ctx.outer(level)[index]; }
        public boolean isRowIndependent() { return true; }
        public String toString() { return name; }
    }

    /** Parameter $n; {@code types} is shared with the statement so inference after compiling is seen. */
    public record ParamRef(int index, DataType[] types) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { return ctx.param(index); }
        public DataType type() { return types[index] == null ? DataType.UNKNOWN : types[index]; }
        public boolean isRowIndependent() { return true; }
        public String toString() { return "$" + (index + 1); }
    }

    public record Cast(Expr input, DataType type, boolean explicit) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object v = input.eval(row, ctx);
            return explicit ? Casts.castExplicit(v, type) : Casts.cast(v, type);
        }
        public boolean isRowIndependent() { return input.isRowIndependent(); }
        public String toString() { return input + "::" + type.sqlName(); }
    }

    /** A binary operator: + - * / % ^ (power), '|' is text concatenation (jsonb's || when both sides are jsonb), '&' and 'o' bitwise and/or. */
    public record Arith(char op, Expr left, Expr right, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object a = left.eval(row, ctx);
            if (a == null) return null;
            Object b = right.eval(row, ctx);
            if (b == null) return null;
            return switch (op) {
                case '+' -> Operators.add(a, b);
                case '-' -> Operators.subtract(a, b);
                case '*' -> Operators.multiply(a, b);
                case '/' -> Operators.divide(a, b);
                case '%' -> Operators.modulo(a, b);
                case '^' -> Operators.power(a, b);
                case '|' -> type.type() == io.tableos.db.types.SqlType.JSONB ? io.tableos.db.sql.func.Json.concatJsonb(a, b)
                        : Operators.concat(a, b);
                case '&' -> Operators.bitwise(a, b, true);
                case 'o' -> Operators.bitwise(a, b, false);
                default -> throw new IllegalStateException("operator " + op);
            };
        }
        public boolean isRowIndependent() { return left.isRowIndependent() && right.isRowIndependent(); }
        public String toString() { return "(" + left + " " + (op == '|' ? "||" : op == 'o' ? "|" : String.valueOf(op)) + " " + right + ")"; }
    }

    public record Negate(Expr input) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { return Operators.negate(input.eval(row, ctx)); }
        public DataType type() { return input.type(); }
        public boolean isRowIndependent() { return input.isRowIndependent(); }
    }

    /** An expression that always fails, for errors PostgreSQL raises at run time. */
    public record Fail(String sqlState, String message, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) { throw new DbException(sqlState, message); }
    }

    public static boolean isTrue(Object v) {
        return v instanceof Boolean b && b;
    }

    public static DbException notBoolean(Object v) {
        return new DbException(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean");
    }

    public static Expr literal(Object v, DataType t) { return new Literal(v, t); }

    public static final Expr NULL = new Literal(null, DataType.UNKNOWN);
    public static final Expr TRUE = new Literal(Boolean.TRUE, DataType.BOOL);
}
