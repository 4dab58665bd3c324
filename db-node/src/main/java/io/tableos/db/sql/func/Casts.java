package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import io.tableos.db.types.TextFormat;
import io.tableos.db.types.text.FloatText;
import io.tableos.db.types.text.IntervalText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * SQL casts between the Java value representations of {@link SqlType}, with PostgreSQL's
 * rules: integers round from floats half-to-even and from numeric half-away-from-zero and
 * fail with 22003 out of range; numeric(p,s) rounds to s and fails with 22003 when the
 * integer part does not fit; varchar(n) fails with 22001 on an assignment cast but truncates
 * on an explicit cast; char(n) pads with blanks; text converts to anything through
 * {@link TextFormat#parse}, anything to text through {@link TextFormat#format}
 * (except boolean, which casts to 'true'/'false').
 */
public final class Casts {
    private Casts() {}

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** PostgreSQL converts float8 to numeric with DBL_DIG significant digits. */
    private static final MathContext DOUBLE_TO_NUMERIC = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final MathContext FLOAT_TO_NUMERIC = new MathContext(6, RoundingMode.HALF_EVEN);

    /** Assignment / implicit cast (INSERT, UPDATE, parameter binding). */
    public static Object cast(Object value, DataType target) {
        return convert(value, target, false);
    }

    /** CAST(x AS t) and x::t: like {@link #cast} but varchar(n)/char(n) truncate silently. */
    public static Object castExplicit(Object value, DataType target) {
        return convert(value, target, true);
    }

    private static Object convert(Object value, DataType target, boolean explicit) {
        if (value == null) return null;
        SqlType t = target.type();
        switch (t) {
            case UNKNOWN:
                return value;
            case TEXT: case NAME:
                return toText(value);
            case VARCHAR:
                return limitLength(toText(value), target, explicit);
            case BPCHAR:
                return padBlank(limitLength(toText(value), target, explicit), target.length());
            case JSON: case JSONB:
                return toJson(value, target);
            case ARRAY:
                return toArray(value, target, explicit);
            default:
                break;
        }
        if (value instanceof String s) {
            Object parsed = TextFormat.parse(s, target);
            return t == SqlType.NUMERIC ? applyNumericTypmod((BigDecimal) parsed, target) : parsed;
        }
        switch (t) {
            case BOOL: return toBoolean(value, target);
            case INT2: return (short) toLong(value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint", target);
            case INT4: return (int) toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer", target);
            case INT8: return toLong(value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint", target);
            case OID: case REGCLASS: case REGPROC: return toLong(value, 0, 0xFFFF_FFFFL, "OID", target);
            case FLOAT8: return toDouble(value, target);
            case FLOAT4: return toFloat(value, target);
            case NUMERIC: return applyNumericTypmod(toBigDecimal(value, target), target);
            case DATE: return toDate(value, target);
            case TIMESTAMP: return toTimestamp(value, target);
            case TIMESTAMPTZ: return toTimestampTz(value, target);
            case TIME: return toTime(value, target);
            case INTERVAL: return toInterval(value, target);
            case UUID: if (value instanceof UUID) return value; break;
            case BYTEA: if (value instanceof byte[]) return value; break;
            case VOID: return null;
            case RECORD: if (value instanceof SqlRow) return value; break;
            default: break;
        }
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    /** Text form of any value as a cast to text produces it. */
    public static String toText(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof Boolean b) return b ? "true" : "false";
        return TextFormat.format(value, typeOfValue(value));
    }

    private static String limitLength(String s, DataType target, boolean explicit) {
        int max = target.length();
        if (max < 0 || s.length() <= max) return s;
        int codePoints = s.codePointCount(0, s.length());
        if (codePoints <= max) return s;
        int cut = s.offsetByCodePoints(0, max);
        if (!explicit) {
            for (int i = cut; i < s.length(); i++) {
                if (s.charAt(i) != ' ') {
                    throw new DbException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + target.sqlName());
                }
            }
        }
        return s.substring(0, cut);
    }

    private static String padBlank(String s, int length) {
        if (length < 0) return s;
        int codePoints = s.codePointCount(0, s.length());
        if (codePoints >= length) return s;
        StringBuilder out = new StringBuilder(s.length() + length - codePoints).append(s);
        for (int i = codePoints; i < length; i++) out.append(' ');
        return out.toString();
    }

    private static Object toJson(Object value, DataType target) {
        String text;
        if (value instanceof String s) {
            text = s;
        } else {
            return target.type() == SqlType.JSONB ? Json.write(Json.toJsonb(JsonFunctions.toJsonValue(value)))
                    : Json.write(JsonFunctions.toJsonValue(value));
        }
        if (target.type() == SqlType.JSONB) return Json.normalizeJsonb(text);
        Json.parse(text, "json");
        return text;
    }

    private static SqlArray toArray(Object value, DataType target, boolean explicit) {
        if (value instanceof String s) return (SqlArray) TextFormat.parse(s, target);
        if (!(value instanceof SqlArray a)) throw FuncErrors.cannotCast(typeOfValue(value), target);
        if (a.elementType() == target.element()) return a;
        DataType element = DataType.of(target.element());
        Object[] out = new Object[a.elements().length];
        for (int i = 0; i < out.length; i++) out[i] = convert(a.elements()[i], element, explicit);
        return new SqlArray(target.element(), out);
    }

    private static Boolean toBoolean(Object value, DataType target) {
        if (value instanceof Boolean b) return b;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) return ((Number) value).longValue() != 0;
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    static long toLong(Object value, long min, long max, String rangeName, DataType target) {
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            result = ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double d = Math.rint(((Number) value).doubleValue());
            if (Double.isNaN(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) throw FuncErrors.outOfRange(rangeName);
            result = (long) d;
        } else if (value instanceof BigDecimal d) {
            BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
            if (rounded.compareTo(LONG_MIN) < 0 || rounded.compareTo(LONG_MAX) > 0) throw FuncErrors.outOfRange(rangeName);
            result = rounded.longValueExact();
        } else if (value instanceof Boolean b) {
            result = b ? 1 : 0;
        } else {
            throw FuncErrors.cannotCast(typeOfValue(value), target);
        }
        if (result < min || result > max) throw FuncErrors.outOfRange(rangeName);
        return result;
    }

    private static Double toDouble(Object value, DataType target) {
        if (value instanceof Number n) return n.doubleValue();
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    private static Float toFloat(Object value, DataType target) {
        if (!(value instanceof Number n)) throw FuncErrors.cannotCast(typeOfValue(value), target);
        double d = n.doubleValue();
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        if (f == 0 && d != 0) throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        return f;
    }

    static BigDecimal toBigDecimal(Object value, DataType target) {
        if (value instanceof BigDecimal d) return d;
        if (value instanceof Long || value instanceof Integer || value instanceof Short) return BigDecimal.valueOf(((Number) value).longValue());
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert " + FloatText.formatDouble(d) + " to numeric");
            }
            BigDecimal exact = new BigDecimal(d).round(value instanceof Float ? FLOAT_TO_NUMERIC : DOUBLE_TO_NUMERIC).stripTrailingZeros();
            return exact.scale() < 0 ? exact.setScale(0) : exact;
        }
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    /** numeric(p,s): round half away from zero to s digits; 22003 when more than p-s integer digits remain. */
    public static BigDecimal applyNumericTypmod(BigDecimal d, DataType target) {
        int precision = target.length();
        if (precision < 0) return d;
        int scale = Math.max(target.scale(), 0);
        BigDecimal rounded = d.setScale(scale, RoundingMode.HALF_UP);
        int integerDigits = rounded.signum() == 0 ? 0 : rounded.precision() - rounded.scale();
        if (integerDigits > precision - scale) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                    "A field with precision " + precision + ", scale " + scale + " must round to an absolute value less than "
                            + (precision == scale ? "1" : "10^" + (precision - scale)) + ".", null, 0, null);
        }
        return rounded;
    }

    private static LocalDate toDate(Object value, DataType target) {
        if (value instanceof LocalDate d) return d;
        if (value instanceof LocalDateTime t) return t.toLocalDate();
        if (value instanceof OffsetDateTime t) return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    private static LocalDateTime toTimestamp(Object value, DataType target) {
        if (value instanceof LocalDateTime t) return t;
        if (value instanceof LocalDate d) return d.equals(LocalDate.MAX) ? LocalDateTime.MAX : d.equals(LocalDate.MIN) ? LocalDateTime.MIN : d.atStartOfDay();
        if (value instanceof OffsetDateTime t) return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    private static OffsetDateTime toTimestampTz(Object value, DataType target) {
        if (value instanceof OffsetDateTime t) return t.getOffset().equals(ZoneOffset.UTC) ? t : t.withOffsetSameInstant(ZoneOffset.UTC);
        if (value instanceof LocalDateTime || value instanceof LocalDate) return OffsetDateTime.of(toTimestamp(value, target), ZoneOffset.UTC);
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    private static LocalTime toTime(Object value, DataType target) {
        if (value instanceof LocalTime t) return t;
        if (value instanceof LocalDateTime t) return t.toLocalTime();
        if (value instanceof OffsetDateTime t) return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
        if (value instanceof Interval i) return LocalTime.ofNanoOfDay(Math.floorMod(i.micros(), IntervalText.MICROS_PER_DAY) * 1000);
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    private static Interval toInterval(Object value, DataType target) {
        if (value instanceof Interval i) return i;
        if (value instanceof LocalTime t) return new Interval(0, 0, t.toNanoOfDay() / 1000);
        throw FuncErrors.cannotCast(typeOfValue(value), target);
    }

    /** The SQL type of a Java value (Integer INT4, Long INT8, String TEXT, ...); null gives UNKNOWN. */
    public static DataType typeOfValue(Object v) {
        if (v == null) return DataType.UNKNOWN;
        if (v instanceof String) return DataType.TEXT;
        if (v instanceof Integer) return DataType.INT4;
        if (v instanceof Long) return DataType.INT8;
        if (v instanceof Boolean) return DataType.BOOL;
        if (v instanceof Double) return DataType.FLOAT8;
        if (v instanceof BigDecimal) return DataType.NUMERIC;
        if (v instanceof OffsetDateTime) return DataType.TIMESTAMPTZ;
        if (v instanceof LocalDateTime) return DataType.TIMESTAMP;
        if (v instanceof LocalDate) return DataType.DATE;
        if (v instanceof Short) return DataType.INT2;
        if (v instanceof Float) return DataType.FLOAT4;
        if (v instanceof byte[]) return DataType.BYTEA;
        if (v instanceof Interval) return DataType.INTERVAL;
        if (v instanceof UUID) return DataType.UUID;
        if (v instanceof LocalTime) return DataType.of(SqlType.TIME);
        if (v instanceof SqlArray a) return DataType.arrayOf(a.elementType());
        if (v instanceof SqlRow) return DataType.RECORD;
        if (v instanceof BigInteger) return DataType.NUMERIC;
        throw new IllegalArgumentException("not a SQL value: " + v.getClass());
    }

    /**
     * The type both sides are converted to for UNION, CASE, COALESCE, comparisons: unknown
     * yields to the other side, integers widen, integer+numeric is numeric, anything with a
     * float is float8, text kinds become text, date/timestamp widen to timestamp(tz). Two
     * unknowns stay unknown, so a later typed branch still decides (CASE WHEN .. THEN NULL ELSE 1);
     * callers turn a final unknown into text. 42804 when the types cannot be matched.
     */
    public static DataType commonType(DataType a, DataType b) {
        SqlType x = a.type(), y = b.type();
        if (x == SqlType.UNKNOWN) return b;
        if (y == SqlType.UNKNOWN) return a;
        if (a.equals(b)) return a;
        if (x == y) return x == SqlType.ARRAY ? (a.element() == b.element() ? DataType.arrayOf(a.element()) : mismatch(a, b)) : DataType.of(x);
        if (x.isNumeric() && y.isNumeric()) return DataType.of(numericRank(x) >= numericRank(y) ? widerNumeric(x, y) : widerNumeric(y, x));
        if (x.isText() && y.isText()) return DataType.TEXT;
        if (isDateTime(x) && isDateTime(y)) {
            return x == SqlType.TIMESTAMPTZ || y == SqlType.TIMESTAMPTZ ? DataType.TIMESTAMPTZ : DataType.TIMESTAMP;
        }
        if (isOidLike(x) && (isOidLike(y) || y.isInteger())) return DataType.of(SqlType.OID);
        if (isOidLike(y) && x.isInteger()) return DataType.of(SqlType.OID);
        if (x == SqlType.JSON && y == SqlType.JSONB || x == SqlType.JSONB && y == SqlType.JSON) return DataType.JSONB;
        return mismatch(a, b);
    }

    private static DataType mismatch(DataType a, DataType b) {
        throw new DbException(SqlState.DATATYPE_MISMATCH, "types " + a.sqlName() + " and " + b.sqlName() + " cannot be matched");
    }

    private static SqlType widerNumeric(SqlType wider, SqlType other) {
        if (wider == SqlType.FLOAT4 && (other == SqlType.INT8 || other == SqlType.NUMERIC)) return SqlType.FLOAT8;
        return wider;
    }

    static int numericRank(SqlType t) {
        return switch (t) {
            case INT2 -> 1;
            case INT4 -> 2;
            case INT8 -> 3;
            case NUMERIC -> 4;
            case FLOAT4 -> 5;
            case FLOAT8 -> 6;
            default -> 0;
        };
    }

    private static boolean isDateTime(SqlType t) {
        return t == SqlType.DATE || t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ;
    }

    private static boolean isOidLike(SqlType t) {
        return t == SqlType.OID || t == SqlType.REGCLASS || t == SqlType.REGPROC;
    }

    /** "varchar(20)", "int", "double precision", "timestamp with time zone", "text[]", "numeric(10,2)", "serial" ...; 42704 when unknown. */
    public static DataType parseTypeName(String sqlTypeName) {
        return TypeNames.parse(sqlTypeName);
    }
}
