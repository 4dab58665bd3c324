package io.tableos.db.storage;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.UUID;

/**
 * The ascending, self-delimiting byte form of one non-null value of each type (the tag
 * and DESC inversion are {@link KeyCodec}'s). Layouts, all big-endian:
 * <ul>
 * <li>BOOL 1 byte; INT2/INT4 2/4 bytes, INT8/OID/REG* and DATE (epoch day) 8 bytes,
 *     sign bit flipped;</li>
 * <li>FLOAT4/FLOAT8 IEEE bits, negative values inverted, positive ones sign-flipped;
 *     -0.0 is written as 0.0 and every NaN as the canonical NaN (after +Infinity), as
 *     PostgreSQL orders them;</li>
 * <li>NUMERIC: 0x01 negative / 0x02 zero / 0x03 positive; then for non-zero the decimal
 *     exponent E (value = 0.d1d2... x 10^E) as a sign-flipped int and the significant
 *     digits in pairs (byte = pair + 1) ended by 0x00, all inverted when negative.
 *     Trailing zeros are stripped first, so 1.0 and 1.00 encode equal;</li>
 * <li>strings (UTF-8) and BYTEA: the bytes with 0x00 escaped as 0x00 0xFF, ended by
 *     0x00 0x01, so "a" &lt; "a\0" &lt; "ab";</li>
 * <li>TIME nano of day 8 bytes; TIMESTAMP/TIMESTAMPTZ epoch second (sign-flipped 8) and
 *     nano (4);</li>
 * <li>INTERVAL: PostgreSQL's span (months as 30 days, days as 24 hours) as a 128-bit
 *     sign-flipped integer of microseconds, then months and days (4 each), so equal
 *     spans order together and the value still decodes exactly;</li>
 * <li>UUID 16 bytes as is; ARRAY per element 0x02 + value or 0x03 for NULL, ended by
 *     0x01 (a prefix sorts first, NULL elements after values).</li>
 * </ul>
 */
final class KeyComponentCodec {
    private KeyComponentCodec() {}

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_MONTH = 30 * MICROS_PER_DAY;
    private static final int FLOAT_NAN_BITS = Float.floatToIntBits(Float.NaN);
    private static final long DOUBLE_NAN_BITS = Double.doubleToLongBits(Double.NaN);

    static final int NUMERIC_NEGATIVE = 0x01;
    static final int NUMERIC_ZERO = 0x02;
    static final int NUMERIC_POSITIVE = 0x03;
    static final int ARRAY_END = 0x01;
    static final int ARRAY_ELEMENT = 0x02;
    static final int ARRAY_NULL_ELEMENT = 0x03;

    static void write(ByteBuilder out, SqlType type, SqlType element, Object value) {
        switch (type) {
            case BOOL -> out.put(KeyValues.toBoolean(value, type) ? 1 : 0);
            case INT2 -> out.putShortBigEndian((int) KeyValues.toIntegerInRange(value, type) ^ 0x8000);
            case INT4 -> out.putIntBigEndian((int) KeyValues.toIntegerInRange(value, type) ^ Integer.MIN_VALUE);
            case INT8, OID, REGPROC, REGCLASS -> out.putLongBigEndian(KeyValues.toLong(value, type) ^ Long.MIN_VALUE);
            case FLOAT4 -> out.putIntBigEndian(orderedFloatBits(KeyValues.toFloat(value, type)));
            case FLOAT8 -> out.putLongBigEndian(orderedDoubleBits(KeyValues.toDouble(value, type)));
            case NUMERIC -> writeNumeric(out, KeyValues.toBigDecimal(value, type));
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UNKNOWN -> {
                out.putUtf8(KeyValues.toText(value, type), true);
                out.put(0);
                out.put(1);
            }
            case BYTEA -> writeEscapedBytes(out, KeyValues.toBytes(value, type));
            case DATE -> out.putLongBigEndian(KeyValues.toDate(value, type).toEpochDay() ^ Long.MIN_VALUE);
            case TIME -> {
                if (!(value instanceof LocalTime t)) throw KeyValues.mismatch(value, type);
                out.putLongBigEndian(t.toNanoOfDay());
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                out.putLongBigEndian(KeyValues.epochSecond(value, type) ^ Long.MIN_VALUE);
                out.putIntBigEndian(KeyValues.nano(value, type));
            }
            case INTERVAL -> {
                if (!(value instanceof Interval i)) throw KeyValues.mismatch(value, type);
                writeInterval(out, i);
            }
            case UUID -> {
                if (!(value instanceof UUID u)) throw KeyValues.mismatch(value, type);
                out.putLongBigEndian(u.getMostSignificantBits());
                out.putLongBigEndian(u.getLeastSignificantBits());
            }
            case ARRAY -> {
                if (!(value instanceof SqlArray a)) throw KeyValues.mismatch(value, type);
                for (Object e : a.elements()) {
                    if (e == null) {
                        out.put(ARRAY_NULL_ELEMENT);
                    } else {
                        out.put(ARRAY_ELEMENT);
                        write(out, element, null, e);
                    }
                }
                out.put(ARRAY_END);
            }
            case VOID, RECORD -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, type.sqlName() + " values cannot be keys");
        }
    }

    static Object read(KeyReader in, DataType dataType) {
        return read(in, dataType.type(), dataType.element());
    }

    static Object read(KeyReader in, SqlType type, SqlType element) {
        return switch (type) {
            case BOOL -> in.get() != 0;
            case INT2 -> (short) (in.getShort() ^ 0x8000);
            case INT4 -> in.getInt() ^ Integer.MIN_VALUE;
            case INT8, OID, REGPROC, REGCLASS -> in.getLong() ^ Long.MIN_VALUE;
            case FLOAT4 -> floatFromOrdered(in.getInt());
            case FLOAT8 -> doubleFromOrdered(in.getLong());
            case NUMERIC -> readNumeric(in);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UNKNOWN -> new String(in.getEscapedBytes(), StandardCharsets.UTF_8);
            case BYTEA -> in.getEscapedBytes();
            case DATE -> LocalDate.ofEpochDay(in.getLong() ^ Long.MIN_VALUE);
            case TIME -> LocalTime.ofNanoOfDay(in.getLong());
            case TIMESTAMP, TIMESTAMPTZ -> {
                long seconds = in.getLong() ^ Long.MIN_VALUE;
                yield KeyValues.timestamp(type, seconds, in.getInt());
            }
            case INTERVAL -> readInterval(in);
            case UUID -> new UUID(in.getLong(), in.getLong());
            case ARRAY -> readArray(in, element);
            case VOID, RECORD -> throw new IllegalStateException(type.sqlName() + " key component");
        };
    }

    static int orderedFloatBits(float f) {
        int bits = f == 0.0f ? 0 : Float.floatToIntBits(f); // -0.0 == 0.0; NaN canonical
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    static float floatFromOrdered(int ordered) {
        int bits = ordered < 0 ? ordered ^ Integer.MIN_VALUE : ~ordered;
        return bits == FLOAT_NAN_BITS ? Float.NaN : Float.intBitsToFloat(bits);
    }

    static long orderedDoubleBits(double d) {
        long bits = d == 0.0 ? 0L : Double.doubleToLongBits(d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static double doubleFromOrdered(long ordered) {
        long bits = ordered < 0 ? ordered ^ Long.MIN_VALUE : ~ordered;
        return bits == DOUBLE_NAN_BITS ? Double.NaN : Double.longBitsToDouble(bits);
    }

    private static void writeEscapedBytes(ByteBuilder out, byte[] bytes) {
        out.ensure(bytes.length + 2);
        for (byte b : bytes) {
            out.put(b);
            if (b == 0) out.put(0xFF);
        }
        out.put(0);
        out.put(1);
    }

    private static void writeNumeric(ByteBuilder out, BigDecimal value) {
        int signum = value.signum();
        if (signum == 0) {
            out.put(NUMERIC_ZERO);
            return;
        }
        out.put(signum < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        int start = out.length;
        BigDecimal normalized = value.stripTrailingZeros();
        String digits = normalized.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - normalized.scale();
        if (exponent != (int) exponent) {
            throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric exponent out of range for a key");
        }
        out.putIntBigEndian((int) exponent ^ Integer.MIN_VALUE);
        int n = digits.length();
        for (int i = 0; i < n; i += 2) {
            int high = digits.charAt(i) - '0';
            int low = i + 1 < n ? digits.charAt(i + 1) - '0' : 0;
            out.put(high * 10 + low + 1);
        }
        out.put(0);
        if (signum < 0) out.invertFrom(start);
    }

    private static BigDecimal readNumeric(KeyReader in) {
        int sign = in.get();
        if (sign == NUMERIC_ZERO) return BigDecimal.ZERO;
        boolean negative = sign == NUMERIC_NEGATIVE;
        int invert = negative ? 0xFF : 0;
        int exponent = in.getInt() ^ (negative ? -1 : 0) ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder(16);
        if (negative) digits.append('-');
        for (int pair = in.get() ^ invert; pair != 0; pair = in.get() ^ invert) {
            int v = pair - 1;
            digits.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
        }
        int digitCount = digits.length() - (negative ? 1 : 0);
        BigDecimal result = new BigDecimal(new BigInteger(digits.toString()), digitCount - exponent).stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    private static void writeInterval(ByteBuilder out, Interval i) {
        long monthsHigh = Math.multiplyHigh(i.months(), MICROS_PER_MONTH);
        long monthsLow = i.months() * MICROS_PER_MONTH;
        long daysHigh = Math.multiplyHigh(i.days(), MICROS_PER_DAY);
        long daysLow = i.days() * MICROS_PER_DAY;
        long low = monthsLow + daysLow;
        long high = monthsHigh + daysHigh + (Long.compareUnsigned(low, monthsLow) < 0 ? 1 : 0);
        long sumLow = low + i.micros();
        high += (i.micros() >> 63) + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0);
        out.putLongBigEndian(high ^ Long.MIN_VALUE);
        out.putLongBigEndian(sumLow);
        out.putIntBigEndian(i.months() ^ Integer.MIN_VALUE);
        out.putIntBigEndian(i.days() ^ Integer.MIN_VALUE);
    }

    private static Interval readInterval(KeyReader in) {
        in.getLong(); // high half of the span: the low half determines micros
        long spanLow = in.getLong();
        int months = in.getInt() ^ Integer.MIN_VALUE;
        int days = in.getInt() ^ Integer.MIN_VALUE;
        long micros = spanLow - months * MICROS_PER_MONTH - days * MICROS_PER_DAY;
        return new Interval(months, days, micros);
    }

    private static SqlArray readArray(KeyReader in, SqlType element) {
        ArrayList<Object> elements = new ArrayList<>();
        for (int marker = in.get(); marker != ARRAY_END; marker = in.get()) {
            elements.add(marker == ARRAY_NULL_ELEMENT ? null : read(in, element, null));
        }
        return new SqlArray(element, elements.toArray());
    }
}
