package io.tableos.db.storage;

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
import java.util.UUID;

/**
 * The compact (unordered) byte form of one non-null column value inside a row. Integers,
 * dates and the parts of times and intervals are zig-zag varints; floats raw IEEE bits;
 * strings and BYTEA a varint length then the bytes; NUMERIC keeps its scale (a header
 * varint {@code zigzag(scale) << 1 | big}) then the unscaled value as a zig-zag varint, or
 * when it needs more than 62 bits as a length-prefixed two's-complement array; UUID 16
 * bytes; ARRAY a count then per element a null flag byte and the value.
 */
final class RowValueCodec {
    private RowValueCodec() {}

    static void write(ByteBuilder out, SqlType type, SqlType element, Object value) {
        switch (type) {
            case BOOL -> out.put(KeyValues.toBoolean(value, type) ? 1 : 0);
            case INT2, INT4 -> out.putZigZagLong(KeyValues.toIntegerInRange(value, type));
            case INT8, OID, REGPROC, REGCLASS -> out.putZigZagLong(KeyValues.toLong(value, type));
            case FLOAT4 -> out.putIntBigEndian(Float.floatToRawIntBits(KeyValues.toFloat(value, type)));
            case FLOAT8 -> out.putLongBigEndian(Double.doubleToRawLongBits(KeyValues.toDouble(value, type)));
            case NUMERIC -> writeNumeric(out, KeyValues.toBigDecimal(value, type));
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UNKNOWN -> {
                CharSequence s = KeyValues.toText(value, type);
                out.putVarLong(ByteBuilder.utf8Length(s));
                out.putUtf8(s, false);
            }
            case BYTEA -> {
                byte[] b = KeyValues.toBytes(value, type);
                out.putVarLong(b.length);
                out.put(b, 0, b.length);
            }
            case DATE -> out.putZigZagLong(KeyValues.toDate(value, type).toEpochDay());
            case TIME -> {
                if (!(value instanceof LocalTime t)) throw KeyValues.mismatch(value, type);
                out.putVarLong(t.toNanoOfDay());
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                out.putZigZagLong(KeyValues.epochSecond(value, type));
                out.putVarLong(KeyValues.nano(value, type));
            }
            case INTERVAL -> {
                if (!(value instanceof Interval i)) throw KeyValues.mismatch(value, type);
                out.putZigZagLong(i.months());
                out.putZigZagLong(i.days());
                out.putZigZagLong(i.micros());
            }
            case UUID -> {
                if (!(value instanceof UUID u)) throw KeyValues.mismatch(value, type);
                out.putLongBigEndian(u.getMostSignificantBits());
                out.putLongBigEndian(u.getLeastSignificantBits());
            }
            case ARRAY -> {
                if (!(value instanceof SqlArray a)) throw KeyValues.mismatch(value, type);
                out.putVarLong(a.elements().length);
                for (Object e : a.elements()) {
                    out.put(e == null ? 0 : 1);
                    if (e != null) write(out, element, null, e);
                }
            }
            case VOID, RECORD -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, type.sqlName() + " values cannot be stored");
        }
    }

    static Object read(RowReader in, SqlType type, SqlType element) {
        return switch (type) {
            case BOOL -> in.get() != 0;
            case INT2 -> (short) in.getZigZagLong();
            case INT4 -> (int) in.getZigZagLong();
            case INT8, OID, REGPROC, REGCLASS -> in.getZigZagLong();
            case FLOAT4 -> Float.intBitsToFloat(in.getIntBigEndian());
            case FLOAT8 -> Double.longBitsToDouble(in.getLongBigEndian());
            case NUMERIC -> readNumeric(in);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UNKNOWN -> {
                int length = in.getVarInt();
                String s = new String(in.bytes, in.position, length, StandardCharsets.UTF_8);
                in.skip(length);
                yield s;
            }
            case BYTEA -> {
                int length = in.getVarInt();
                byte[] b = new byte[length];
                System.arraycopy(in.bytes, in.position, b, 0, length);
                in.skip(length);
                yield b;
            }
            case DATE -> LocalDate.ofEpochDay(in.getZigZagLong());
            case TIME -> LocalTime.ofNanoOfDay(in.getVarLong());
            case TIMESTAMP, TIMESTAMPTZ -> {
                long seconds = in.getZigZagLong();
                yield KeyValues.timestamp(type, seconds, (int) in.getVarLong());
            }
            case INTERVAL -> {
                int months = (int) in.getZigZagLong();
                int days = (int) in.getZigZagLong();
                yield new Interval(months, days, in.getZigZagLong());
            }
            case UUID -> new UUID(in.getLongBigEndian(), in.getLongBigEndian());
            case ARRAY -> {
                Object[] elements = new Object[in.getVarInt()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = in.get() == 0 ? null : read(in, element, null);
                }
                yield new SqlArray(element, elements);
            }
            case VOID, RECORD -> throw new IllegalStateException(type.sqlName() + " column value");
        };
    }

    /** Advances past one value without materialising it. */
    static void skip(RowReader in, SqlType type, SqlType element) {
        switch (type) {
            case BOOL -> in.skip(1);
            case INT2, INT4, INT8, OID, REGPROC, REGCLASS, DATE, TIME -> in.skipVarLong();
            case FLOAT4 -> in.skip(4);
            case FLOAT8 -> in.skip(8);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB, UNKNOWN, BYTEA -> in.skip(in.getVarInt());
            case TIMESTAMP, TIMESTAMPTZ -> {
                in.skipVarLong();
                in.skipVarLong();
            }
            case INTERVAL -> {
                in.skipVarLong();
                in.skipVarLong();
                in.skipVarLong();
            }
            case UUID -> in.skip(16);
            case NUMERIC -> {
                long header = in.getVarLong();
                if ((header & 1) == 0) in.skipVarLong();
                else in.skip(in.getVarInt());
            }
            case ARRAY -> {
                int count = in.getVarInt();
                for (int i = 0; i < count; i++) {
                    if (in.get() != 0) skip(in, element, null);
                }
            }
            case VOID, RECORD -> throw new IllegalStateException(type.sqlName() + " column value");
        }
    }

    private static void writeNumeric(ByteBuilder out, BigDecimal value) {
        long scale = value.scale();
        long zigzagScale = (scale << 1) ^ (scale >> 63);
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() <= 62) {
            out.putVarLong(zigzagScale << 1);
            out.putZigZagLong(unscaled.longValue());
        } else {
            byte[] magnitude = unscaled.toByteArray();
            out.putVarLong((zigzagScale << 1) | 1);
            out.putVarLong(magnitude.length);
            out.put(magnitude, 0, magnitude.length);
        }
    }

    private static BigDecimal readNumeric(RowReader in) {
        long header = in.getVarLong();
        long zigzagScale = header >>> 1;
        int scale = (int) ((zigzagScale >>> 1) ^ -(zigzagScale & 1));
        if ((header & 1) == 0) return BigDecimal.valueOf(in.getZigZagLong(), scale);
        int length = in.getVarInt();
        byte[] magnitude = new byte[length];
        System.arraycopy(in.bytes, in.position, magnitude, 0, length);
        in.skip(length);
        return new BigDecimal(new BigInteger(magnitude), scale);
    }
}
