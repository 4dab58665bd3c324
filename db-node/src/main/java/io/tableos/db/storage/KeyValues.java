package io.tableos.db.storage;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions from the Java value representation ({@link SqlType}'s javadoc) that both codecs
 * share. Lenient where it costs nothing: any Number for integer and float columns, any
 * CharSequence for text, an Instant for timestamptz.
 */
final class KeyValues {
    private KeyValues() {}

    static long toLong(Object value, SqlType type) {
        if (value instanceof Long l) return l;
        if (value instanceof Integer i) return i;
        if (value instanceof Number n) return n.longValue();
        throw mismatch(value, type);
    }

    /** An INT2 or INT4 value, range-checked: a silent wrap would corrupt key order. */
    static long toIntegerInRange(Object value, SqlType type) {
        long v = toLong(value, type);
        boolean fits = type == SqlType.INT2 ? v == (short) v : type != SqlType.INT4 || v == (int) v;
        if (!fits) throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type.sqlName() + " out of range");
        return v;
    }

    static double toDouble(Object value, SqlType type) {
        if (value instanceof Number n) return n.doubleValue();
        throw mismatch(value, type);
    }

    static float toFloat(Object value, SqlType type) {
        if (value instanceof Number n) return n.floatValue();
        throw mismatch(value, type);
    }

    static boolean toBoolean(Object value, SqlType type) {
        if (value instanceof Boolean b) return b;
        throw mismatch(value, type);
    }

    static CharSequence toText(Object value, SqlType type) {
        if (value instanceof CharSequence s) return s;
        throw mismatch(value, type);
    }

    static byte[] toBytes(Object value, SqlType type) {
        if (value instanceof byte[] b) return b;
        throw mismatch(value, type);
    }

    static BigDecimal toBigDecimal(Object value, SqlType type) {
        if (value instanceof BigDecimal d) return d;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) return new BigDecimal(i);
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) return BigDecimal.valueOf(d);
        }
        throw mismatch(value, type);
    }

    static LocalDate toDate(Object value, SqlType type) {
        if (value instanceof LocalDate d) return d;
        throw mismatch(value, type);
    }

    /** Epoch second of a timestamp (without time zone: read as UTC). */
    static long epochSecond(Object value, SqlType type) {
        if (value instanceof LocalDateTime t) return t.toEpochSecond(ZoneOffset.UTC);
        if (value instanceof OffsetDateTime t) return t.toEpochSecond();
        if (value instanceof Instant t) return t.getEpochSecond();
        throw mismatch(value, type);
    }

    static int nano(Object value, SqlType type) {
        if (value instanceof LocalDateTime t) return t.getNano();
        if (value instanceof OffsetDateTime t) return t.getNano();
        if (value instanceof Instant t) return t.getNano();
        throw mismatch(value, type);
    }

    static Object timestamp(SqlType type, long epochSecond, int nano) {
        if (type == SqlType.TIMESTAMP) return LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.UTC);
        // As ofInstant at UTC, without ZoneOffset.getRules(), which builds a ZoneRules per call.
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static DbException mismatch(Object value, SqlType type) {
        return new DbException(SqlState.DATATYPE_MISMATCH,
                "storage cannot encode a " + value.getClass().getSimpleName() + " as " + type.sqlName());
    }
}
