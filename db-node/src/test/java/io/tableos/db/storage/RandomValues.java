package io.tableos.db.storage;

import io.tableos.db.types.DataType;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random values of every storable type, biased towards edge cases (extremes, -0.0, NaN,
 * embedded NUL, equal numerics with different scales), and the reference SQL comparison
 * the key codec must agree with.
 */
final class RandomValues {
    private RandomValues() {}

    static final List<DataType> KEY_TYPES = List.of(
            DataType.BOOL, DataType.INT2, DataType.INT4, DataType.INT8, DataType.FLOAT4, DataType.FLOAT8,
            DataType.NUMERIC, DataType.TEXT, DataType.of(SqlType.VARCHAR), DataType.of(SqlType.BPCHAR),
            DataType.of(SqlType.NAME), DataType.JSON, DataType.JSONB, DataType.BYTEA, DataType.DATE,
            DataType.of(SqlType.TIME), DataType.TIMESTAMP, DataType.TIMESTAMPTZ, DataType.INTERVAL,
            DataType.UUID, DataType.of(SqlType.OID), DataType.arrayOf(SqlType.INT4), DataType.arrayOf(SqlType.TEXT));

    private static final String[] STRING_PIECES = {"", "a", "b", "\0", "ab", "z", "\u00e9", "\u4e2d", "\ud83d\ude00", "\u007f", "A"};

    static Object value(Random r, DataType type, double nullChance) {
        if (r.nextDouble() < nullChance) return null;
        return switch (type.type()) {
            case BOOL -> r.nextBoolean();
            case INT2 -> (short) pickLong(r, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4 -> (int) pickLong(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8, OID -> pickLong(r, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT4 -> (float) pickDouble(r);
            case FLOAT8 -> pickDouble(r);
            case NUMERIC -> numeric(r);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB -> string(r);
            case BYTEA -> {
                byte[] b = new byte[r.nextInt(5)];
                for (int i = 0; i < b.length; i++) b[i] = (byte) new int[] {0, 1, 0xFF, 0x61, 0x80}[r.nextInt(5)];
                yield b;
            }
            case DATE -> LocalDate.ofEpochDay(r.nextInt(2_000_000) - 1_000_000);
            case TIME -> LocalTime.ofNanoOfDay(r.nextBoolean() ? r.nextInt(3) : Math.floorMod(r.nextLong(), 86_400_000_000_000L));
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(r.nextInt(2000) - 1000 + (r.nextBoolean() ? 0 : r.nextInt()), r.nextInt(3) * 1000, ZoneOffset.UTC);
            case TIMESTAMPTZ -> OffsetDateTime.of(LocalDateTime.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000), ZoneOffset.UTC), ZoneOffset.UTC);
            case INTERVAL -> new Interval(r.nextInt(5) - 2 + (r.nextInt(10) == 0 ? r.nextInt() : 0), r.nextInt(61) - 30,
                    r.nextBoolean() ? r.nextInt(3) * 86_400_000_000L : r.nextLong());
            case UUID -> new UUID(pickLong(r, Long.MIN_VALUE, Long.MAX_VALUE), pickLong(r, Long.MIN_VALUE, Long.MAX_VALUE));
            case ARRAY -> {
                Object[] elements = new Object[r.nextInt(4)];
                for (int i = 0; i < elements.length; i++) elements[i] = value(r, DataType.of(type.element()), 0.2);
                yield new SqlArray(type.element(), elements);
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static long pickLong(Random r, long min, long max) {
        return switch (r.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> r.nextInt(5) - 2;
            default -> {
                long v = r.nextLong();
                yield max == Long.MAX_VALUE ? v : min + Math.floorMod(v, max - min + 1);
            }
        };
    }

    private static double pickDouble(Random r) {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_VALUE, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-40, -1e-40};
        if (r.nextInt(3) == 0) return special[r.nextInt(special.length)];
        return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
    }

    private static BigDecimal numeric(Random r) {
        if (r.nextInt(8) == 0) return BigDecimal.ZERO.setScale(r.nextInt(4));
        BigInteger unscaled = new BigInteger(r.nextInt(100) + 1, r);
        if (r.nextBoolean()) unscaled = unscaled.negate();
        BigDecimal d = new BigDecimal(unscaled, r.nextInt(30) - 10);
        if (r.nextInt(4) == 0) d = BigDecimal.valueOf(r.nextInt(21) - 10, r.nextInt(3)); // small values collide often
        return r.nextBoolean() ? d.setScale(Math.max(d.scale(), 0) + r.nextInt(3)) : d;
    }

    private static String string(Random r) {
        StringBuilder s = new StringBuilder();
        int pieces = r.nextInt(4);
        for (int i = 0; i < pieces; i++) s.append(STRING_PIECES[r.nextInt(STRING_PIECES.length)]);
        return s.toString();
    }

    /** SQL comparison (NULLS LAST), refined where SQL calls values equal but they differ (intervals of equal span). */
    static int compare(DataType type, Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        return switch (type.type()) {
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case INT2, INT4, INT8, OID -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            case FLOAT4, FLOAT8 -> compareFloat(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case NUMERIC -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB -> Arrays.compareUnsigned(
                    ((String) a).getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case TIME -> ((LocalTime) a).compareTo((LocalTime) b);
            case TIMESTAMP -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
            case TIMESTAMPTZ -> ((OffsetDateTime) a).compareTo((OffsetDateTime) b);
            case INTERVAL -> compareInterval((Interval) a, (Interval) b);
            case UUID -> {
                UUID x = (UUID) a;
                UUID y = (UUID) b;
                int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
                yield c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
            }
            case ARRAY -> {
                Object[] x = ((SqlArray) a).elements();
                Object[] y = ((SqlArray) b).elements();
                DataType element = DataType.of(type.element());
                for (int i = 0; i < Math.min(x.length, y.length); i++) {
                    int c = compare(element, x[i], y[i]);
                    if (c != 0) yield c;
                }
                yield Integer.compare(x.length, y.length);
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static int compareFloat(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int compareInterval(Interval a, Interval b) {
        BigInteger dayMicros = BigInteger.valueOf(86_400_000_000L);
        BigInteger spanA = BigInteger.valueOf(a.months()).multiply(dayMicros.multiply(BigInteger.valueOf(30)))
                .add(BigInteger.valueOf(a.days()).multiply(dayMicros)).add(BigInteger.valueOf(a.micros()));
        BigInteger spanB = BigInteger.valueOf(b.months()).multiply(dayMicros.multiply(BigInteger.valueOf(30)))
                .add(BigInteger.valueOf(b.days()).multiply(dayMicros)).add(BigInteger.valueOf(b.micros()));
        int c = spanA.compareTo(spanB);
        if (c != 0) return c;
        c = Integer.compare(a.months(), b.months());
        return c != 0 ? c : Integer.compare(a.days(), b.days());
    }

    /** Equality of decoded values: byte arrays by content, numerics by value, floats by SQL equality. */
    static boolean sameValue(DataType type, Object a, Object b) {
        return compare(type, a, b) == 0;
    }
}
