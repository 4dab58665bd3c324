package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.TextFormat;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** Reads function arguments leniently: an untyped literal (String) is converted to what the function needs. */
final class Args {
    private Args() {}

    static String text(Object v) {
        return v == null ? null : v instanceof String s ? s : TextFormat.format(v, Casts.typeOfValue(v));
    }

    static long longValue(Object v) {
        if (v instanceof Number n && !(v instanceof BigDecimal) && !(v instanceof Double) && !(v instanceof Float)) return n.longValue();
        return Casts.toLong(v instanceof String s ? TextFormat.parseNumeric(s) : v, Long.MIN_VALUE, Long.MAX_VALUE, "bigint", DataType.INT8);
    }

    static int intValue(Object v) {
        return (int) Casts.toLong(v instanceof String s ? TextFormat.parseNumeric(s) : v, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer", DataType.INT4);
    }

    static double doubleValue(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        return (Double) TextFormat.parse(text(v), DataType.FLOAT8);
    }

    static BigDecimal decimal(Object v) {
        if (v instanceof String s) return TextFormat.parseNumeric(s);
        return Casts.toBigDecimal(v, DataType.NUMERIC);
    }

    /** Any date/time value or literal as a UTC local date-time, remembering nothing of the type. */
    static LocalDateTime timestamp(Object v) {
        if (v instanceof String s) return DateTimeFunctionsSupport.parseLenient(s);
        return (LocalDateTime) Casts.cast(v, DataType.TIMESTAMP);
    }

    static OffsetDateTime timestampTz(Object v) {
        return (OffsetDateTime) Casts.cast(v, DataType.TIMESTAMPTZ);
    }

    static boolean isText(DataType t) {
        return t.type().isText();
    }

    static boolean isNumber(DataType t) {
        return t.type().isNumeric();
    }
}
