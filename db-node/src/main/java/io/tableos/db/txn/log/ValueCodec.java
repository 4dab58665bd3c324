package io.tableos.db.txn.log;

import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Self-describing encoding of single SQL values in their Java representation (see
 * {@link SqlType}), for the few values a log entry carries outside encoded rows (ALTER
 * TABLE fill values). A tag byte, then the value.
 */
final class ValueCodec {
    private ValueCodec() {}

    private static final int NULL = 0, BOOL = 1, SHORT = 2, INT = 3, LONG = 4, FLOAT = 5, DOUBLE = 6,
            DECIMAL = 7, STRING = 8, BYTES = 9, DATE = 10, TIMESTAMP = 11, TIMESTAMPTZ = 12, TIME = 13,
            INTERVAL = 14, UUID_TAG = 15, ARRAY = 16;

    static void write(ByteWriter out, Object v) {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOL);
            out.writeBoolean(b);
        } else if (v instanceof Short s) {
            out.writeByte(SHORT);
            out.writeInt(s);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            out.writeBytes(d.unscaledValue().toByteArray());
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            out.writeString(s);
        } else if (v instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeBytes(b);
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(t.getNano());
        } else if (v instanceof OffsetDateTime t) {
            out.writeByte(TIMESTAMPTZ);
            out.writeLong(t.toEpochSecond());
            out.writeInt(t.getNano());
        } else if (v instanceof LocalTime t) {
            out.writeByte(TIME);
            out.writeLong(t.toNanoOfDay());
        } else if (v instanceof Interval i) {
            out.writeByte(INTERVAL);
            out.writeInt(i.months());
            out.writeInt(i.days());
            out.writeLong(i.micros());
        } else if (v instanceof UUID u) {
            out.writeByte(UUID_TAG);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (v instanceof SqlArray a) {
            out.writeByte(ARRAY);
            out.writeString(a.elementType().name());
            out.writeVarInt(a.elements().length);
            for (Object e : a.elements()) write(out, e);
        } else {
            throw new IllegalArgumentException("no log encoding for " + v.getClass().getName());
        }
    }

    static Object read(ByteReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case BOOL -> in.readBoolean();
            case SHORT -> (short) in.readInt();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(in.readBytes()), scale);
            }
            case STRING -> in.readString();
            case BYTES -> in.readBytes();
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(in.readLong(), in.readInt(), ZoneOffset.UTC);
            case TIMESTAMPTZ -> {
                long seconds = in.readLong();
                yield OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, in.readInt()), ZoneOffset.UTC);
            }
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case INTERVAL -> new Interval(in.readInt(), in.readInt(), in.readLong());
            case UUID_TAG -> new UUID(in.readLong(), in.readLong());
            case ARRAY -> {
                SqlType element = SqlType.valueOf(in.readString());
                int n = in.readCount(1);
                Object[] elements = new Object[n];
                for (int i = 0; i < n; i++) elements[i] = read(in);
                yield new SqlArray(element, elements);
            }
            default -> throw new CorruptEntryException("unknown value tag " + tag);
        };
    }
}
