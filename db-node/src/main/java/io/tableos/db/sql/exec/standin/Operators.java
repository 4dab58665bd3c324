package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Stand-in for io.tableos.db.sql.func.Operators. */
public final class Operators {
    private Operators() {}

    private static int kind(Object a) {
        if (a instanceof Short || a instanceof Integer) return 1;
        if (a instanceof Long) return 2;
        if (a instanceof BigDecimal) return 3;
        if (a instanceof Float || a instanceof Double) return 4;
        return 0;
    }

    private static Object arith(Object a, Object b, char op) {
        if (a == null || b == null) return null;
        if (a instanceof String s && b instanceof Number) a = TextFormat.parse(s, Casts.typeOfValue(b));
        if (b instanceof String s && a instanceof Number) b = TextFormat.parse(s, Casts.typeOfValue(a));
        int k = Math.max(kind(a), kind(b));
        if (kind(a) == 0 || kind(b) == 0) return temporal(a, b, op);
        try {
            switch (k) {
                case 1, 2: {
                    long x = ((Number) a).longValue(), y = ((Number) b).longValue();
                    long r = switch (op) {
                        case '+' -> Math.addExact(x, y);
                        case '-' -> Math.subtractExact(x, y);
                        case '*' -> Math.multiplyExact(x, y);
                        case '/' -> { if (y == 0) throw divZero(); yield x / y; }
                        case '%' -> { if (y == 0) throw divZero(); yield x % y; }
                        default -> throw new IllegalStateException();
                    };
                    if (k == 1) {
                        if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) throw new ArithmeticException();
                        return (int) r;
                    }
                    return r;
                }
                case 3: {
                    BigDecimal x = toBig(a), y = toBig(b);
                    return switch (op) {
                        case '+' -> x.add(y);
                        case '-' -> x.subtract(y);
                        case '*' -> x.multiply(y);
                        case '/' -> { if (y.signum() == 0) throw divZero(); yield x.divide(y, MathContext.DECIMAL64).stripTrailingZeros(); }
                        case '%' -> { if (y.signum() == 0) throw divZero(); yield x.remainder(y); }
                        default -> throw new IllegalStateException();
                    };
                }
                default: {
                    double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
                    return switch (op) {
                        case '+' -> x + y;
                        case '-' -> x - y;
                        case '*' -> x * y;
                        case '/' -> { if (y == 0) throw divZero(); yield x / y; }
                        case '%' -> x % y;
                        default -> throw new IllegalStateException();
                    };
                }
            }
        } catch (ArithmeticException e) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
    }

    private static Object temporal(Object a, Object b, char op) {
        if (a instanceof LocalDate d && b instanceof Integer n) return op == '+' ? d.plusDays(n) : d.minusDays(n);
        if (a instanceof LocalDate d && b instanceof LocalDate e && op == '-') return (int) ChronoUnit.DAYS.between(e, d);
        if (b instanceof Interval i) {
            int sign = op == '+' ? 1 : -1;
            if (a instanceof LocalDate d) a = d.atStartOfDay();
            if (a instanceof LocalDateTime t) return t.plusMonths(sign * i.months()).plusDays(sign * i.days()).plus(sign * i.micros(), ChronoUnit.MICROS);
            if (a instanceof OffsetDateTime t) return t.plusMonths(sign * i.months()).plusDays(sign * i.days()).plus(sign * i.micros(), ChronoUnit.MICROS);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y && op == '-') return new Interval(0, 0, ChronoUnit.MICROS.between(y, x));
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y && op == '-') return new Interval(0, 0, ChronoUnit.MICROS.between(y, x));
        throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + Casts.typeOfValue(a).sqlName() + " " + op + " " + Casts.typeOfValue(b).sqlName());
    }

    private static DbException divZero() {
        return new DbException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    private static BigDecimal toBig(Object a) {
        if (a instanceof BigDecimal d) return d;
        if (a instanceof Double || a instanceof Float) return BigDecimal.valueOf(((Number) a).doubleValue());
        return BigDecimal.valueOf(((Number) a).longValue());
    }

    public static Object add(Object a, Object b) { return arith(a, b, '+'); }
    public static Object subtract(Object a, Object b) { return arith(a, b, '-'); }
    public static Object multiply(Object a, Object b) { return arith(a, b, '*'); }
    public static Object divide(Object a, Object b) { return arith(a, b, '/'); }
    public static Object modulo(Object a, Object b) { return arith(a, b, '%'); }

    public static Object power(Object a, Object b) {
        if (a == null || b == null) return null;
        return Math.pow(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }

    public static Object negate(Object a) {
        if (a == null) return null;
        if (a instanceof Integer i) return -i;
        if (a instanceof Long l) return -l;
        if (a instanceof Short s) return (short) -s;
        if (a instanceof BigDecimal d) return d.negate();
        if (a instanceof Double d) return -d;
        if (a instanceof Float f) return -f;
        throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: - " + Casts.typeOfValue(a).sqlName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            int k = Math.max(kind(a), kind(b));
            if (k <= 2) return Long.compare(x.longValue(), y.longValue());
            if (k == 3) return toBig(a).compareTo(toBig(b));
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String s && !(b instanceof String)) a = Casts.cast(s, Casts.typeOfValue(b));
        if (b instanceof String s && !(a instanceof String)) b = Casts.cast(s, Casts.typeOfValue(a));
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.compareUnsigned(x, y);
        if (a instanceof LocalDate d && b instanceof LocalDateTime) a = d.atStartOfDay();
        if (b instanceof LocalDate d && a instanceof LocalDateTime) b = d.atStartOfDay();
        if (a instanceof OffsetDateTime && !(b instanceof OffsetDateTime)) b = Casts.cast(b, DataType.TIMESTAMPTZ);
        if (b instanceof OffsetDateTime && !(a instanceof OffsetDateTime)) a = Casts.cast(a, DataType.TIMESTAMPTZ);
        if (a instanceof Interval x && b instanceof Interval y) {
            long xm = x.months() * 30L * 86_400_000_000L + x.days() * 86_400_000_000L + x.micros();
            long ym = y.months() * 30L * 86_400_000_000L + y.days() * 86_400_000_000L + y.micros();
            return Long.compare(xm, ym);
        }
        if (a instanceof SqlArray x && b instanceof SqlArray y) {
            for (int i = 0; i < Math.min(x.elements().length, y.elements().length); i++) {
                Object p = x.elements()[i], q = y.elements()[i];
                if (p == null || q == null) { if (p != q) return p == null ? 1 : -1; continue; }
                int c = compare(p, q);
                if (c != 0) return c;
            }
            return Integer.compare(x.elements().length, y.elements().length);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable c) return c.compareTo(b);
        throw new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + Casts.typeOfValue(a).sqlName() + " = " + Casts.typeOfValue(b).sqlName());
    }

    public static Boolean equalTo(Object a, Object b) {
        if (a == null || b == null) return null;
        return compare(a, b) == 0;
    }

    public static String concat(Object a, Object b) {
        if (a == null || b == null) return null;
        return TextFormat.format(a, Casts.typeOfValue(a)) + TextFormat.format(b, Casts.typeOfValue(b));
    }

    public static boolean like(String s, String pattern, boolean caseInsensitive, Character escape) {
        StringBuilder re = new StringBuilder();
        char esc = escape == null ? '\\' : escape;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == esc && i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            else if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags).matcher(s).matches();
    }

    public static boolean regexMatch(String s, String regex, boolean caseInsensitive) {
        return Pattern.compile(regex, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0).matcher(s).find();
    }

    public static DataType resultType(String op, DataType left, DataType right) {
        if (op.equals("||")) return DataType.TEXT;
        SqlType l = left.type(), r = right.type();
        if (l == SqlType.DATE && r.isInteger()) return DataType.DATE;
        if (l == SqlType.DATE && r == SqlType.DATE) return DataType.INT4;
        if (r == SqlType.INTERVAL) return l == SqlType.DATE ? DataType.TIMESTAMP : left;
        if ((l == SqlType.TIMESTAMP || l == SqlType.TIMESTAMPTZ) && l == r) return DataType.INTERVAL;
        if (op.equals("^")) return DataType.FLOAT8;
        if (l == SqlType.UNKNOWN) return r.isNumeric() ? right : DataType.NUMERIC;
        if (r == SqlType.UNKNOWN) return left;
        DataType c = Casts.commonType(DataType.of(l), DataType.of(r));
        if (c.type() == SqlType.INT2) return DataType.INT4;
        return c;
    }
}
