package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlRow;
import java.util.List;

/** Boolean expressions with SQL three-valued logic. */
public final class Conditions {
    private Conditions() {}

    public enum CompareOp {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");
        public final String sql;
        CompareOp(String sql) { this.sql = sql; }
        public boolean test(int c) {
            return switch (this) { case EQ -> c == 0; case NE -> c != 0; case LT -> c < 0; case LE -> c <= 0; case GT -> c > 0; case GE -> c >= 0; };
        }
        /** The operator with its operands swapped: a < b  ==  b > a. */
        public CompareOp flip() {
            return switch (this) { case LT -> GT; case LE -> GE; case GT -> LT; case GE -> LE; default -> this; };
        }
    }

    public record Compare(CompareOp op, Expr left, Expr right) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object a = left.eval(row, ctx);
            if (a == null) return null;
            Object b = right.eval(row, ctx);
            if (b == null) return null;
            return op.test(Operators.compare(a, b));
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return left.isRowIndependent() && right.isRowIndependent(); }
        public String toString() { return left + " " + op.sql + " " + right; }
    }

    public record And(List<Expr> terms) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            boolean sawNull = false;
            for (Expr t : terms) {
                Object v = t.eval(row, ctx);
                if (v == null) sawNull = true;
                else if (!(Boolean) v) return Boolean.FALSE;
            }
            return sawNull ? null : Boolean.TRUE;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return terms.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return "(" + String.join(" AND ", terms.stream().map(Object::toString).toList()) + ")"; }
    }

    public record Or(List<Expr> terms) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            boolean sawNull = false;
            for (Expr t : terms) {
                Object v = t.eval(row, ctx);
                if (v == null) sawNull = true;
                else if ((Boolean) v) return Boolean.TRUE;
            }
            return sawNull ? null : Boolean.FALSE;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return terms.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return "(" + String.join(" OR ", terms.stream().map(Object::toString).toList()) + ")"; }
    }

    public record Not(Expr input) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object v = input.eval(row, ctx);
            return v == null ? null : !(Boolean) v;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return input.isRowIndependent(); }
        public String toString() { return "NOT " + input; }
    }

    /** IS [NOT] NULL; a row value IS NULL when all its fields are null and IS NOT NULL when none is, as in PostgreSQL. */
    public record IsNull(Expr input, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object v = input.eval(row, ctx);
            if (v instanceof SqlRow r) return negated ? !r.anyFieldNull() : r.allFieldsNull();
            return (v == null) != negated;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return input.isRowIndependent(); }
        public String toString() { return input + (negated ? " IS NOT NULL" : " IS NULL"); }
    }

    /** IS [NOT] TRUE / FALSE: never null. */
    public record IsBoolean(Expr input, boolean value, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object v = input.eval(row, ctx);
            return (v != null && (Boolean) v == value) != negated;
        }
        public DataType type() { return DataType.BOOL; }
    }

    public record IsDistinct(Expr left, Expr right, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object a = left.eval(row, ctx), b = right.eval(row, ctx);
            boolean distinct = a == null || b == null ? a != b : Operators.compare(a, b) != 0;
            return distinct != negated;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return left.isRowIndependent() && right.isRowIndependent(); }
    }

    /** x [NOT] IN (a, b, ...): null when no match and x or an element is null. */
    public record InList(Expr input, List<Expr> values, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object x = input.eval(row, ctx);
            if (x == null) return null;
            boolean sawNull = false;
            for (Expr e : values) {
                Object v = e.eval(row, ctx);
                if (v == null) sawNull = true;
                else if (Operators.compare(x, v) == 0) return !negated;
            }
            return sawNull ? null : negated;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return input.isRowIndependent() && values.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return input + (negated ? " NOT IN " : " IN ") + values; }
    }

    /** x op ANY(array) / x op ALL(array). */
    public record ArrayCompare(CompareOp op, Expr input, Expr array, boolean all) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object x = input.eval(row, ctx);
            Object a = array.eval(row, ctx);
            if (a == null) return null;
            Object[] elements = ((SqlArray) a).elements();
            if (elements.length == 0) return all;
            if (x == null) return null;
            boolean sawNull = false;
            for (Object v : elements) {
                if (v == null) { sawNull = true; continue; }
                boolean r = op.test(Operators.compare(x, v));
                if (r && !all) return Boolean.TRUE;
                if (!r && all) return Boolean.FALSE;
            }
            return sawNull ? null : all;
        }
        public DataType type() { return DataType.BOOL; }
        public boolean isRowIndependent() { return input.isRowIndependent() && array.isRowIndependent(); }
        public String toString() { return input + " " + op.sql + (all ? " ALL(" : " ANY(") + array + ")"; }
    }

    public record Like(Expr input, Expr pattern, boolean caseInsensitive, boolean negated, Character escape) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object s = input.eval(row, ctx), p = pattern.eval(row, ctx);
            if (s == null || p == null) return null;
            return Operators.like(s.toString(), p.toString(), caseInsensitive, escape) != negated;
        }
        public DataType type() { return DataType.BOOL; }
        public String toString() { return input + (negated ? " NOT" : "") + (caseInsensitive ? " ILIKE " : " LIKE ") + pattern; }
    }

    public record Regex(Expr input, Expr pattern, boolean caseInsensitive, boolean negated) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object s = input.eval(row, ctx), p = pattern.eval(row, ctx);
            if (s == null || p == null) return null;
            return Operators.regexMatch(s.toString(), p.toString(), caseInsensitive) != negated;
        }
        public DataType type() { return DataType.BOOL; }
    }
}
