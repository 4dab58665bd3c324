package io.tableos.db.wire.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Binary round trips of every codec (encode then decode gives the value back), byte-exact
 * checks against PostgreSQL's documented layouts for numeric, date/time and arrays, and
 * rejection of malformed input with 22P03; row values are sent only.
 */
class BinaryCodecTest {

    private static Object roundTrip(Object value, DataType type) {
        BinaryCodec codec = BinaryCodecs.forType(type);
        ByteBuf buf = Unpooled.buffer();
        codec.encode(value, type, buf);
        int length = buf.readableBytes();
        Object back = codec.decode(buf, length, type);
        assertEquals(0, buf.readableBytes(), "decoder consumed exactly the value");
        buf.release();
        return back;
    }

    private static String hex(Object value, DataType type) {
        ByteBuf buf = Unpooled.buffer();
        BinaryCodecs.forType(type).encode(value, type, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        return HexFormat.of().formatHex(bytes);
    }

    private static Object decodeHex(String hex, DataType type) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return BinaryCodecs.forType(type).decode(Unpooled.wrappedBuffer(bytes), bytes.length, type);
    }

    @Test
    void scalarsRoundTrip() {
        assertEquals(true, roundTrip(true, DataType.BOOL));
        assertEquals(false, roundTrip(false, DataType.BOOL));
        assertEquals((short) -32768, roundTrip((short) -32768, DataType.INT2));
        assertEquals(Integer.MIN_VALUE, roundTrip(Integer.MIN_VALUE, DataType.INT4));
        assertEquals(Long.MAX_VALUE, roundTrip(Long.MAX_VALUE, DataType.INT8));
        assertEquals(4_000_000_000L, roundTrip(4_000_000_000L, DataType.of(SqlType.OID)));
        assertEquals(Float.NaN, roundTrip(Float.NaN, DataType.FLOAT4));
        assertEquals(Double.NEGATIVE_INFINITY, roundTrip(Double.NEGATIVE_INFINITY, DataType.FLOAT8));
        assertEquals("héllo ✓", roundTrip("héllo ✓", DataType.TEXT));
        assertEquals("", roundTrip("", DataType.of(SqlType.VARCHAR)));
        assertEquals("{\"a\":1}", roundTrip("{\"a\":1}", DataType.JSON));
        assertEquals("{\"a\":1}", roundTrip("{\"a\":1}", DataType.JSONB));
        assertArrayEquals(new byte[] {0, -1, 7}, (byte[]) roundTrip(new byte[] {0, -1, 7}, DataType.BYTEA));
        UUID u = UUID.randomUUID();
        assertEquals(u, roundTrip(u, DataType.UUID));
        Interval i = new Interval(-14, 3, -1_234_567L);
        assertEquals(i, roundTrip(i, DataType.INTERVAL));
    }

    @Test
    void integersOutOfRangeAreRejected() {
        assertThrows(DbException.class, () -> roundTrip(70_000, DataType.INT2));
        assertEquals("22003", assertThrows(DbException.class, () -> roundTrip(1L << 40, DataType.INT4)).sqlState());
    }

    @Test
    void numericEdgeCases() {
        String[] values = {"0", "0.00", "1", "-1", "10000", "9999", "123.45", "-0.005", "0.0001", "1e20", "-1.5e-30",
                "12345678901234567890.000120", "99999999.99999999", "100000000", "0.1", "-1000.0001"};
        for (String v : values) {
            BigDecimal d = new BigDecimal(v);
            BigDecimal back = (BigDecimal) roundTrip(d, DataType.NUMERIC);
            assertEquals(0, d.compareTo(back), v);
            assertEquals(Math.max(d.scale(), 0), back.scale(), "dscale of " + v);
        }
    }

    @Test
    void numericMatchesPostgresLayout() {
        // SELECT 123.45::numeric — ndigits 2, weight 0, sign +, dscale 2, digits 123, 4500
        assertEquals("0002000000000002007b" + "1194", hex(new BigDecimal("123.45"), DataType.NUMERIC));
        // -0.005: ndigits 1, weight -1, sign 0x4000, dscale 3, digit 50
        assertEquals("0001ffff400000030032", hex(new BigDecimal("-0.005"), DataType.NUMERIC));
        // 0.00: no digits, dscale 2
        assertEquals("0000000000000002", hex(new BigDecimal("0.00"), DataType.NUMERIC));
        // 10000: one digit 1 at weight 1
        assertEquals("0001000100000000" + "0001", hex(new BigDecimal("10000"), DataType.NUMERIC));
        assertEquals(new BigDecimal("123.45"), decodeHex("0002000000000002007b1194", DataType.NUMERIC));
    }

    @Test
    void numericRejectsNanAndBadDigits() {
        assertEquals("0A000", assertThrows(DbException.class, () -> decodeHex("00000000c0000000", DataType.NUMERIC)).sqlState());
        assertEquals("22P03", assertThrows(DbException.class, () -> decodeHex("00010000000000002710", DataType.NUMERIC)).sqlState());
        assertEquals("22P03", assertThrows(DbException.class, () -> decodeHex("0002000000000000", DataType.NUMERIC)).sqlState());
    }

    @Test
    void dateTimesRoundTripAndUsePostgresEpoch() {
        assertEquals("00000000", hex(LocalDate.of(2000, 1, 1), DataType.DATE));
        assertEquals("ffffffff", hex(LocalDate.of(1999, 12, 31), DataType.DATE));
        assertEquals("7fffffff", hex(LocalDate.MAX, DataType.DATE));
        assertEquals(LocalDate.MIN, roundTrip(LocalDate.MIN, DataType.DATE));
        assertEquals(LocalDate.of(1, 1, 1), roundTrip(LocalDate.of(1, 1, 1), DataType.DATE));
        assertEquals("0000000000000001", hex(LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1000), DataType.TIMESTAMP));
        LocalDateTime t = LocalDateTime.of(1970, 6, 15, 12, 30, 45, 123_456_000);
        assertEquals(t, roundTrip(t, DataType.TIMESTAMP));
        assertEquals(LocalDateTime.MAX, roundTrip(LocalDateTime.MAX, DataType.TIMESTAMP));
        OffsetDateTime tz = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 999_999_000, ZoneOffset.UTC);
        assertEquals(tz, roundTrip(tz, DataType.TIMESTAMPTZ));
        LocalTime time = LocalTime.of(23, 59, 59, 999_999_000);
        assertEquals(time, roundTrip(time, DataType.of(SqlType.TIME)));
        assertEquals("22P03", assertThrows(DbException.class, () -> decodeHex("000000", DataType.DATE)).sqlState());
    }

    @Test
    void arraysRoundTripAndMatchPostgresLayout() {
        DataType int4s = DataType.arrayOf(SqlType.INT4);
        SqlArray a = new SqlArray(SqlType.INT4, new Object[] {1, null, -3});
        assertEquals(a, roundTrip(a, int4s));
        // ndim 1, has nulls, oid 23, size 3, lbound 1, then 1 / NULL / -3
        assertEquals("00000001" + "00000001" + "00000017" + "00000003" + "00000001"
                + "00000004" + "00000001" + "ffffffff" + "00000004" + "fffffffd", hex(a, int4s));
        SqlArray empty = new SqlArray(SqlType.TEXT, new Object[0]);
        assertEquals("00000000" + "00000000" + "00000019", hex(empty, DataType.arrayOf(SqlType.TEXT)));
        assertEquals(empty, roundTrip(empty, DataType.arrayOf(SqlType.TEXT)));
        SqlArray texts = new SqlArray(SqlType.TEXT, new Object[] {"a", "", "b,c\""});
        assertEquals(texts, roundTrip(texts, DataType.arrayOf(SqlType.TEXT)));
        SqlArray uuids = new SqlArray(SqlType.UUID, new Object[] {UUID.randomUUID()});
        assertEquals(uuids, roundTrip(uuids, DataType.arrayOf(SqlType.UUID)));
        SqlArray numerics = new SqlArray(SqlType.NUMERIC, new Object[] {new BigDecimal("1.50"), new BigDecimal("-7")});
        assertEquals(numerics, roundTrip(numerics, DataType.arrayOf(SqlType.NUMERIC)));
    }

    @Test
    void malformedArraysAreRejected() {
        DataType int4s = DataType.arrayOf(SqlType.INT4);
        // two dimensions
        assertEquals("0A000", assertThrows(DbException.class,
                () -> decodeHex("00000002000000000000001700000001000000010000000100000001", int4s)).sqlState());
        // claims 1,000,000 elements with no bytes behind
        assertEquals("22P03", assertThrows(DbException.class,
                () -> decodeHex("00000001000000000000001700" + "0f4240" + "00000001", int4s)).sqlState());
        // element length beyond the value
        assertEquals("22P03", assertThrows(DbException.class,
                () -> decodeHex("000000010000000000000017000000010000000100000009", int4s)).sqlState());
        // element of the wrong size for int4
        assertEquals("22P03", assertThrows(DbException.class,
                () -> decodeHex("00000001000000000000001700000001000000010000000200ff", int4s)).sqlState());
    }

    @Test
    void jsonbNeedsVersionOne() {
        assertEquals("22P03", assertThrows(DbException.class, () -> decodeHex("027b7d", DataType.JSONB)).sqlState());
        assertEquals("{}", decodeHex("017b7d", DataType.JSONB));
    }

    @Test
    void recordsAreSentAsRecordSendLaysThemOut() {
        SqlRow row = new SqlRow(new Object[] {1, null, "ab"}, List.of(DataType.INT4, DataType.TEXT, DataType.TEXT));
        // PostgreSQL 15: SELECT encode(record_send(ROW(1, NULL::text, 'ab'::text)), 'hex')
        assertEquals("0000000300000017000000040000000100000019ffffffff00000019000000026162", hex(row, DataType.RECORD));
        assertEquals("0A000", assertThrows(DbException.class, () -> decodeHex("00000000", DataType.RECORD)).sqlState(),
                "an anonymous record has no field types to read it by");
    }
}
