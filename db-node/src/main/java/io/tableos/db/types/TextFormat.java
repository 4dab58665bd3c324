package io.tableos.db.types;

import io.tableos.db.types.text.ArrayText;
import io.tableos.db.types.text.ByteaText;
import io.tableos.db.types.text.DateTimeText;
import io.tableos.db.types.text.FloatText;
import io.tableos.db.types.text.IntervalText;
import io.tableos.db.types.text.RecordText;
import io.tableos.db.types.text.TextErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * PostgreSQL's text representation of every {@link SqlType}: used by pgwire for text-format
 * parameters and results, by COPY, and by casts from and to text. Session settings are fixed:
 * TimeZone UTC, DateStyle ISO, IntervalStyle postgres.
 *
 * <p>{@link #parse} converts to the base type only; type modifiers (varchar(n) length,
 * numeric(p,s) rounding) are applied by {@code sql.func.Casts}. JSON input is kept as text here.
 * Infinite dates and timestamps are the MAX/MIN values of their Java types (see
 * {@link DateTimeText}).
 */
public final class TextFormat {
    private TextFormat() {}

    /** Text form of {@code value} (of {@code type}'s Java representation); null for SQL NULL. */
    public static String format(Object value, DataType type) {
        if (value == null) return null;
        return switch (type.type()) {
            case BOOL -> ((Boolean) value) ? "t" : "f";
            case INT2, INT4, INT8, OID -> value.toString();
            case FLOAT8 -> FloatText.formatDouble(((Number) value).doubleValue());
            case FLOAT4 -> FloatText.formatFloat(((Number) value).floatValue());
            case NUMERIC -> formatNumeric(value);
            case BYTEA -> ByteaText.format((byte[]) value);
            case DATE -> DateTimeText.formatDate((LocalDate) value);
            case TIME -> DateTimeText.formatTime((LocalTime) value);
            case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> DateTimeText.formatTimestampTz((OffsetDateTime) value);
            case INTERVAL -> IntervalText.format((Interval) value);
            case UUID -> value.toString();
            case ARRAY -> formatArray((SqlArray) value);
            case RECORD -> formatRecord((SqlRow) value);
            case VOID -> "";
            default -> formatByValue(value);
        };
    }

    /** For values whose declared type does not pin down the Java class (text, unknown, reg*). */
    private static String formatByValue(Object value) {
        if (value instanceof String s) return s;
        if (value instanceof Boolean b) return b ? "t" : "f";
        if (value instanceof Double d) return FloatText.formatDouble(d);
        if (value instanceof Float f) return FloatText.formatFloat(f);
        if (value instanceof BigDecimal d) return formatNumeric(d);
        if (value instanceof byte[] b) return ByteaText.format(b);
        if (value instanceof LocalDate d) return DateTimeText.formatDate(d);
        if (value instanceof LocalTime t) return DateTimeText.formatTime(t);
        if (value instanceof LocalDateTime t) return DateTimeText.formatTimestamp(t);
        if (value instanceof OffsetDateTime t) return DateTimeText.formatTimestampTz(t);
        if (value instanceof Interval i) return IntervalText.format(i);
        if (value instanceof SqlArray a) return formatArray(a);
        if (value instanceof SqlRow r) return formatRecord(r);
        return value.toString();
    }

    private static String formatNumeric(Object value) {
        if (value instanceof BigDecimal d) return d.toPlainString();
        return value.toString();
    }

    private static String formatArray(SqlArray array) {
        DataType elementType = DataType.of(array.elementType());
        Object[] elements = array.elements();
        String[] texts = new String[elements.length];
        for (int i = 0; i < elements.length; i++) texts[i] = format(elements[i], elementType);
        return ArrayText.format(texts);
    }

    private static String formatRecord(SqlRow row) {
        String[] texts = new String[row.size()];
        for (int i = 0; i < texts.length; i++) texts[i] = format(row.values()[i], row.types().get(i));
        return RecordText.format(texts);
    }

    /**
     * Parses PostgreSQL input syntax for {@code type}; null text gives null. Errors: 22P02
     * (invalid input syntax), 22003 (out of range), 22007/22008 (date/time).
     */
    public static Object parse(String text, DataType type) {
        if (text == null) return null;
        return switch (type.type()) {
            case BOOL -> parseBoolean(text);
            case INT2 -> (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4 -> (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8 -> parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID -> parseOid(text);
            case FLOAT4 -> FloatText.parseFloat(text, "real");
            case FLOAT8 -> FloatText.parseDouble(text, "double precision");
            case NUMERIC -> parseNumeric(text);
            case BYTEA -> ByteaText.parse(text);
            case DATE -> DateTimeText.parseDate(text);
            case TIME -> DateTimeText.parseTime(text);
            case TIMESTAMP -> DateTimeText.parseTimestamp(text);
            case TIMESTAMPTZ -> DateTimeText.parseTimestampTz(text);
            case INTERVAL -> IntervalText.parse(text);
            case UUID -> parseUuid(text);
            case ARRAY -> parseArray(text, type.element());
            case REGCLASS, REGPROC -> parseRegName(text);
            case VOID -> null;
            case RECORD -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
            default -> text;
        };
    }

    public static Boolean parseBoolean(String text) {
        String s = text.strip();
        int n = s.length();
        if (n > 0) {
            String lower = s.toLowerCase(Locale.ROOT);
            switch (lower.charAt(0)) {
                case 't': if ("true".startsWith(lower)) return Boolean.TRUE; break;
                case 'f': if ("false".startsWith(lower)) return Boolean.FALSE; break;
                case 'y': if ("yes".startsWith(lower)) return Boolean.TRUE; break;
                case 'n': if ("no".startsWith(lower)) return Boolean.FALSE; break;
                case 'o':
                    if (n >= 2 && "on".startsWith(lower)) return Boolean.TRUE;
                    if (n >= 2 && "off".startsWith(lower)) return Boolean.FALSE;
                    break;
                case '1': if (n == 1) return Boolean.TRUE; break;
                case '0': if (n == 1) return Boolean.FALSE; break;
                default: break;
            }
        }
        throw TextErrors.invalidSyntax("boolean", text);
    }

    /** Decimal integer with optional sign and surrounding blanks, checked against [min, max]. */
    public static long parseInteger(String text, long min, long max, String typeName) {
        int i = 0, n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        while (n > i && Character.isWhitespace(text.charAt(n - 1))) n--;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) negative = text.charAt(i++) == '-';
        if (i == n) throw TextErrors.invalidSyntax(typeName, text);
        long value = 0; // accumulated negatively so that Long.MIN_VALUE fits
        boolean overflow = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw TextErrors.invalidSyntax(typeName, text);
            if (value < (Long.MIN_VALUE + (c - '0')) / 10) overflow = true;
            else value = value * 10 - (c - '0');
        }
        if (!negative && value == Long.MIN_VALUE) overflow = true;
        long result = negative ? value : -value;
        if (overflow || result < min || result > max) throw TextErrors.valueOutOfRange(text, typeName);
        return result;
    }

    private static Long parseOid(String text) {
        long v = parseInteger(text, Integer.MIN_VALUE, 0xFFFF_FFFFL, "oid");
        return v < 0 ? v & 0xFFFF_FFFFL : v;
    }

    public static BigDecimal parseNumeric(String text) {
        String s = text.strip();
        if (!plainNumeric(s)) throw TextErrors.invalidSyntax("numeric", text);
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw TextErrors.invalidSyntax("numeric", text);
        }
    }

    private static boolean plainNumeric(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
        }
        return true;
    }

    public static UUID parseUuid(String text) {
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}') s = s.substring(1, s.length() - 1);
        long high = 0, low = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && digits > 0 && digits % 4 == 0 && i + 1 < s.length() && s.charAt(i + 1) != '-') continue;
            int d = Character.digit(c, 16);
            if (d < 0 || digits == 32) throw TextErrors.invalidSyntax("uuid", text);
            if (digits < 16) high = high << 4 | d;
            else low = low << 4 | d;
            digits++;
        }
        if (digits != 32) throw TextErrors.invalidSyntax("uuid", text);
        return new UUID(high, low);
    }

    private static SqlArray parseArray(String text, SqlType elementType) {
        DataType element = DataType.of(elementType);
        return new SqlArray(elementType, ArrayText.parse(text, item -> parse(item, element)));
    }

    /** A numeric reg* value is an OID (Long); a name stays a String for the catalog to resolve. */
    private static Object parseRegName(String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) return parseOid(s);
        return s;
    }
}
