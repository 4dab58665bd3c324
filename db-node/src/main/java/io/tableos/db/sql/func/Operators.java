package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import io.tableos.db.types.TextFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * SQL operators over Java values. Any NULL operand gives NULL. Numbers promote like
 * PostgreSQL: smallint < integer < bigint (result is the wider type, overflow 22003),
 * integer with numeric is numeric, anything with a float is double (float4 only with
 * float4). A String operand facing a typed one is an untyped literal and is read as the
 * other side's type first.
 */
public final class Operators {
    private Operators() {}

    static final int LIKE_CACHE_ENTRIES_MAX = 1024;
    private static final BoundedCache<String, LikePattern> LIKE_SENSITIVE = new BoundedCache<>(LIKE_CACHE_ENTRIES_MAX);
    private static final BoundedCache<String, LikePattern> LIKE_INSENSITIVE = new BoundedCache<>(LIKE_CACHE_ENTRIES_MAX);
    private static final BoundedCache<LikeKey, LikePattern> LIKE_OTHER_ESCAPE = new BoundedCache<>(LIKE_CACHE_ENTRIES_MAX);

    private record LikeKey(String pattern, boolean caseInsensitive, char escape) {}

    // ------------------------------------------------------------------ arithmetic

    public static Object add(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s && !(b instanceof String)) a = literalAs(s, b, true);
        else if (b instanceof String s && !(a instanceof String)) b = literalAs(s, a, true);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.add(x, y);
        if (b instanceof Interval i) {
            if (a instanceof LocalDateTime t) return DateArithmetic.plus(t, i, 1);
            if (a instanceof OffsetDateTime t) return DateArithmetic.plus(t, i, 1);
            if (a instanceof LocalDate d) return DateArithmetic.plus(d.atStartOfDay(), i, 1);
            if (a instanceof LocalTime t) return DateArithmetic.plus(t, i, 1);
            if (a instanceof Interval j) return DateArithmetic.add(j, i, 1);
        }
        if (a instanceof Interval && !(b instanceof Interval)) return add(b, a);
        if (a instanceof LocalDate d && isInteger(b)) return DateArithmetic.plusDays(d, ((Number) b).longValue());
        if (b instanceof LocalDate d && isInteger(a)) return DateArithmetic.plusDays(d, ((Number) a).longValue());
        if (a instanceof LocalDate d && b instanceof LocalTime t) return d.atTime(t);
        if (b instanceof LocalDate d && a instanceof LocalTime t) return d.atTime(t);
        throw FuncErrors.noOperator("+", a, b);
    }

    public static Object subtract(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s && !(b instanceof String)) a = literalAs(s, b, false);
        else if (b instanceof String s && !(a instanceof String)) b = literalAs(s, a, true);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.subtract(x, y);
        if (b instanceof Interval i) {
            if (a instanceof LocalDateTime t) return DateArithmetic.plus(t, i, -1);
            if (a instanceof OffsetDateTime t) return DateArithmetic.plus(t, i, -1);
            if (a instanceof LocalDate d) return DateArithmetic.plus(d.atStartOfDay(), i, -1);
            if (a instanceof LocalTime t) return DateArithmetic.plus(t, i, -1);
            if (a instanceof Interval j) return DateArithmetic.add(j, i, -1);
        }
        if (a instanceof LocalDate d && isInteger(b)) return DateArithmetic.plusDays(d, -((Number) b).longValue());
        if (a instanceof LocalDate x && b instanceof LocalDate y) return Math.toIntExact(y.until(x, java.time.temporal.ChronoUnit.DAYS));
        if (isTimestamp(a) && isTimestamp(b)) return DateArithmetic.difference(utcLocal(a), utcLocal(b));
        if (a instanceof LocalTime x && b instanceof LocalTime y) return DateArithmetic.difference(x, y);
        throw FuncErrors.noOperator("-", a, b);
    }

    public static Object multiply(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s && !(b instanceof String)) a = literalAs(s, b, false);
        else if (b instanceof String s && !(a instanceof String)) b = literalAs(s, a, false);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.multiply(x, y);
        if (a instanceof Interval i && b instanceof Number n) return DateArithmetic.multiply(i, n.doubleValue());
        if (b instanceof Interval i && a instanceof Number n) return DateArithmetic.multiply(i, n.doubleValue());
        throw FuncErrors.noOperator("*", a, b);
    }

    public static Object divide(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s && !(b instanceof String)) a = literalAs(s, b, false);
        else if (b instanceof String s && !(a instanceof String)) b = literalAs(s, a, false);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.divide(x, y);
        if (a instanceof Interval i && b instanceof Number n) {
            double d = n.doubleValue();
            if (d == 0) throw FuncErrors.divisionByZero();
            return DateArithmetic.multiply(i, 1 / d);
        }
        throw FuncErrors.noOperator("/", a, b);
    }

    public static Object modulo(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s && !(b instanceof String)) a = literalAs(s, b, false);
        else if (b instanceof String s && !(a instanceof String)) b = literalAs(s, a, false);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.modulo(x, y);
        throw FuncErrors.noOperator("%", a, b);
    }

    /**
     * Bitwise {@code &} ({@code and}) or {@code |} on integers; the result has the wider operand's
     * type (smallint &amp; smallint is smallint, as pgJDBC's {@code indoption[i] & 1::smallint} expects).
     */
    public static Object bitwise(Object a, Object b, boolean and) {
        if (a == null || b == null) return null;
        if (!(a instanceof Short || a instanceof Integer || a instanceof Long) || !(b instanceof Short || b instanceof Integer || b instanceof Long)) {
            throw FuncErrors.noOperator(and ? "&" : "|", a, b);
        }
        long x = ((Number) a).longValue(), y = ((Number) b).longValue();
        long r = and ? x & y : x | y;
        if (a instanceof Long || b instanceof Long) return r;
        if (a instanceof Integer || b instanceof Integer) return (int) r;
        return (short) r;
    }

    /** {@code ^}: double precision, or numeric when either side is numeric and neither is a float. */
    public static Object power(Object a, Object b) {
        if (a == null || b == null) return null;
        if (a instanceof String s) a = TextFormat.parseNumeric(s);
        if (b instanceof String s) b = TextFormat.parseNumeric(s);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.power(x, y);
        throw FuncErrors.noOperator("^", a, b);
    }

    public static Object negate(Object a) {
        if (a == null) return null;
        if (a instanceof String s) a = TextFormat.parseNumeric(s);
        if (a instanceof Number n) return NumberMath.negate(n);
        if (a instanceof Interval i) return DateArithmetic.negate(i);
        throw FuncErrors.noOperator("-", null, a);
    }

    private static boolean isInteger(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short;
    }

    private static boolean isTimestamp(Object o) {
        return o instanceof LocalDateTime || o instanceof OffsetDateTime || o instanceof LocalDate;
    }

    private static LocalDateTime utcLocal(Object o) {
        if (o instanceof LocalDateTime t) return t;
        if (o instanceof LocalDate d) return d.atStartOfDay();
        return ((OffsetDateTime) o).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /**
     * An untyped literal beside a typed operand takes that operand's type; for + and − next to
     * a date/time value it is an interval (timestamp - '5 minutes'), unless it reads as a
     * date/time itself (date - '2024-01-01').
     */
    private static Object literalAs(String literal, Object typed, boolean intervalForTemporal) {
        if (typed instanceof Number) {
            return typed instanceof Double || typed instanceof Float ? TextFormat.parse(literal, DataType.FLOAT8) : numberLiteral(literal);
        }
        if (intervalForTemporal && (typed instanceof LocalDateTime || typed instanceof OffsetDateTime
                || typed instanceof LocalDate || typed instanceof LocalTime || typed instanceof Interval)) {
            try {
                return TextFormat.parse(literal, DataType.INTERVAL);
            } catch (DbException e) {
                return TextFormat.parse(literal, Casts.typeOfValue(typed));
            }
        }
        return TextFormat.parse(literal, Casts.typeOfValue(typed));
    }

    private static Object numberLiteral(String literal) {
        BigDecimal d = TextFormat.parseNumeric(literal);
        if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && literal.indexOf('.') < 0) {
            long v = d.longValueExact();
            return v == (int) v ? Integer.valueOf((int) v) : Long.valueOf(v);
        }
        return d;
    }

    // ------------------------------------------------------------------ comparison

    /** Orders two non-null values after promotion; 42883 when they cannot be compared. */
    public static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) return compareStrings(x, y);
        if (a instanceof Number x && b instanceof Number y) return NumberMath.compare(x, y);
        if (a instanceof String s && !(b instanceof String)) return compare(TextFormat.parse(s, Casts.typeOfValue(b)), b);
        if (b instanceof String s && !(a instanceof String)) return compare(a, TextFormat.parse(s, Casts.typeOfValue(a)));
        if (a instanceof Boolean x && b instanceof Boolean y) return Boolean.compare(x, y);
        if (isTimestamp(a) && isTimestamp(b)) {
            if (a instanceof LocalDate x && b instanceof LocalDate y) return x.compareTo(y);
            if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) return x.toInstant().compareTo(y.toInstant());
            return utcLocal(a).compareTo(utcLocal(b));
        }
        if (a instanceof Interval x && b instanceof Interval y) return DateArithmetic.compare(x, y);
        if (a instanceof LocalTime x && b instanceof LocalTime y) return x.compareTo(y);
        if (a instanceof UUID x && b instanceof UUID y) {
            int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.compareUnsigned(x, y);
        if (a instanceof SqlArray x && b instanceof SqlArray y) return compareArrays(x, y);
        if (a instanceof SqlRow x && b instanceof SqlRow y) return RecordComparison.compare(x, y);
        throw FuncErrors.noOperator("=", a, b);
    }

    /** Code point order (C collation): String.compareTo's UTF-16 order fixed up for supplementary characters. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
                    y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Element by element, NULL sorting after every value, then by length. */
    private static int compareArrays(SqlArray x, SqlArray y) {
        Object[] p = x.elements(), q = y.elements();
        int n = Math.min(p.length, q.length);
        for (int i = 0; i < n; i++) {
            if (p[i] == null || q[i] == null) {
                if (p[i] == null && q[i] == null) continue;
                return p[i] == null ? 1 : -1;
            }
            int c = compare(p[i], q[i]);
            if (c != 0) return c;
        }
        return Integer.compare(p.length, q.length);
    }

    /** Three-valued {@code =}: null when either side is null. */
    public static Boolean equalTo(Object a, Object b) {
        if (a == null || b == null) return null;
        return compare(a, b) == 0;
    }

    // ------------------------------------------------------------------ strings

    /** {@code ||}: text concatenation of the text forms; with an array, append/prepend/concatenate. */
    public static Object concatValues(Object a, Object b) {
        if (a == null || b == null) {
            if (a instanceof SqlArray) return a;
            if (b instanceof SqlArray) return b;
            return null;
        }
        if (a instanceof SqlArray x) {
            Object[] tail = b instanceof SqlArray y ? y.elements() : new Object[] {b};
            Object[] out = Arrays.copyOf(x.elements(), x.elements().length + tail.length);
            System.arraycopy(tail, 0, out, x.elements().length, tail.length);
            return new SqlArray(x.elementType(), out);
        }
        if (b instanceof SqlArray y) {
            Object[] out = new Object[y.elements().length + 1];
            out[0] = a;
            System.arraycopy(y.elements(), 0, out, 1, y.elements().length);
            return new SqlArray(y.elementType(), out);
        }
        return concat(a, b);
    }

    /**
     * {@code ||} on non-array values: null when either side is null, else the concatenated text forms as a cast to text makes
     * them (a boolean is {@code true}, where its output form is {@code t}), as PostgreSQL's anytextcat does.
     */
    public static String concat(Object a, Object b) {
        if (a == null || b == null) return null;
        return Casts.toText(a).concat(Casts.toText(b));
    }

    /**
     * LIKE / ILIKE. {@code escape}: null means the default backslash; {@code '\0'} means no
     * escape character (ESCAPE ''). Compiled patterns are cached (bounded).
     */
    public static boolean like(String s, String pattern, boolean caseInsensitive, Character escape) {
        LikePattern p;
        if (escape == null || escape == '\\') {
            p = caseInsensitive ? LIKE_INSENSITIVE.get(pattern, k -> LikePattern.compile(k, true, '\\'))
                    : LIKE_SENSITIVE.get(pattern, k -> LikePattern.compile(k, false, '\\'));
        } else {
            p = LIKE_OTHER_ESCAPE.get(new LikeKey(pattern, caseInsensitive, escape),
                    k -> LikePattern.compile(k.pattern(), k.caseInsensitive(), k.escape()));
        }
        return p.matches(s);
    }

    /** {@code ~} / {@code ~*}: true when the regular expression matches anywhere in s. */
    public static boolean regexMatch(String s, String regex, boolean caseInsensitive) {
        return RegexPatterns.compile(regex, caseInsensitive).matcher(s).find();
    }

    // ------------------------------------------------------------------ planning

    /**
     * Result type of a binary operator for RowDescription and planning: arithmetic
     * {@code + - * / % ^}, {@code ||}, comparisons and pattern matches (boolean), jsonb
     * {@code -> ->> #> #>> @> ? ?| ?&}.
     */
    public static DataType resultType(String op, DataType left, DataType right) {
        SqlType l = left.type(), r = right.type();
        switch (op) {
            case "=": case "<>": case "!=": case "<": case "<=": case ">": case ">=":
            case "~": case "~*": case "!~": case "!~*": case "like": case "ilike": case "LIKE": case "ILIKE":
            case "@>": case "<@": case "?": case "?|": case "?&": case "&&":
                return DataType.BOOL;
            case "||":
                if (l == SqlType.ARRAY) return left;
                if (r == SqlType.ARRAY) return right;
                if (l == SqlType.JSONB && r == SqlType.JSONB) return DataType.JSONB;
                return DataType.TEXT;
            case "->": case "#>":
                return l == SqlType.JSON ? DataType.JSON : DataType.JSONB;
            case "->>": case "#>>":
                return DataType.TEXT;
            case "^":
                return (l == SqlType.NUMERIC || r == SqlType.NUMERIC) && l != SqlType.FLOAT8 && r != SqlType.FLOAT8
                        && l != SqlType.FLOAT4 && r != SqlType.FLOAT4 ? DataType.NUMERIC : DataType.FLOAT8;
            case "+": case "-": case "*": case "/": case "%":
                return arithmeticType(op, left, right);
            case "&": case "bitor":
                if (!l.isInteger() || !r.isInteger()) {
                    throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + left.sqlName() + " " + (op.equals("&") ? "&" : "|") + " " + right.sqlName());
                }
                return Casts.commonType(left, right);
            default:
                throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + left.sqlName() + " " + op + " " + right.sqlName());
        }
    }

    private static DataType arithmeticType(String op, DataType left, DataType right) {
        SqlType l = left.type(), r = right.type();
        if (l == SqlType.UNKNOWN && r == SqlType.UNKNOWN) return DataType.NUMERIC;
        if (l == SqlType.UNKNOWN) return arithmeticType(op, unknownBeside(op, right), right);
        if (r == SqlType.UNKNOWN) return arithmeticType(op, left, unknownBeside(op, left));
        if (l.isNumeric() && r.isNumeric()) return Casts.commonType(DataType.of(l), DataType.of(r));
        boolean additive = op.equals("+") || op.equals("-");
        if (additive && r == SqlType.INTERVAL) {
            if (l == SqlType.DATE || l == SqlType.TIMESTAMP) return DataType.TIMESTAMP;
            if (l == SqlType.TIMESTAMPTZ || l == SqlType.INTERVAL || l == SqlType.TIME) return left.type() == SqlType.TIME ? left : DataType.of(l);
        }
        if (op.equals("+") && l == SqlType.INTERVAL) return arithmeticType(op, right, left);
        if (additive && l == SqlType.DATE && r.isInteger()) return DataType.DATE;
        if (op.equals("+") && r == SqlType.DATE && l.isInteger()) return DataType.DATE;
        if (op.equals("-") && l == SqlType.DATE && r == SqlType.DATE) return DataType.INT4;
        if (op.equals("-") && isTimestampType(l) && isTimestampType(r)) return DataType.INTERVAL;
        if (op.equals("-") && l == SqlType.TIME && r == SqlType.TIME) return DataType.INTERVAL;
        if (op.equals("+") && (l == SqlType.DATE && r == SqlType.TIME || l == SqlType.TIME && r == SqlType.DATE)) return DataType.TIMESTAMP;
        if ((op.equals("*") || op.equals("/")) && l == SqlType.INTERVAL && r.isNumeric()) return DataType.INTERVAL;
        if (op.equals("*") && r == SqlType.INTERVAL && l.isNumeric()) return DataType.INTERVAL;
        throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + left.sqlName() + " " + op + " " + right.sqlName());
    }

    private static DataType unknownBeside(String op, DataType typed) {
        SqlType t = typed.type();
        if ((op.equals("+") || op.equals("-")) && (t == SqlType.DATE || isTimestampType(t) || t == SqlType.TIME)) return DataType.INTERVAL;
        return typed;
    }

    private static boolean isTimestampType(SqlType t) {
        return t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ;
    }
}
