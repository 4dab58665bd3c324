package io.tableos.db.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * TextFormat against PostgreSQL 15's own output and input rules: each expected string below is
 * what psql prints for the same value; round trips check parse(format(v)) == v.
 */
class TextFormatTest {

    private static String fmt(Object v, DataType t) {
        return TextFormat.format(v, t);
    }

    private static void assertSqlState(String state, Runnable r) {
        DbException e = assertThrows(DbException.class, r::run);
        assertEquals(state, e.sqlState(), e.getMessage());
    }

    @Test
    void floatsPrintShortestLikePostgres() {
        assertEquals("1e+20", fmt(1e20, DataType.FLOAT8));
        assertEquals("0.1", fmt(0.1, DataType.FLOAT8));
        assertEquals("100", fmt(100.0, DataType.FLOAT8));
        assertEquals("123456789012345", fmt(123456789012345.0, DataType.FLOAT8));
        assertEquals("1e+15", fmt(1e15, DataType.FLOAT8));
        assertEquals("0.0001", fmt(0.0001, DataType.FLOAT8));
        assertEquals("1e-05", fmt(0.00001, DataType.FLOAT8));
        assertEquals("1.5e-07", fmt(1.5e-7, DataType.FLOAT8));
        assertEquals("-2.5", fmt(-2.5, DataType.FLOAT8));
        assertEquals("0.30000000000000004", fmt(0.1 + 0.2, DataType.FLOAT8));
        assertEquals("1e+100", fmt(1e100, DataType.FLOAT8));
        assertEquals("1.7976931348623157e+308", fmt(Double.MAX_VALUE, DataType.FLOAT8));
        assertEquals("Infinity", fmt(Double.POSITIVE_INFINITY, DataType.FLOAT8));
        assertEquals("-Infinity", fmt(Double.NEGATIVE_INFINITY, DataType.FLOAT8));
        assertEquals("NaN", fmt(Double.NaN, DataType.FLOAT8));
        assertEquals("0", fmt(0.0, DataType.FLOAT8));
        assertEquals("-0", fmt(-0.0, DataType.FLOAT8));
        assertEquals("2.82879384806159e+17", fmt(2.82879384806159E17, DataType.FLOAT8)); // Java 17 prints 2.82879384806159008E17
        assertEquals("1e+06", fmt(1e6f, DataType.FLOAT4));
        assertEquals("123456", fmt(123456f, DataType.FLOAT4));
        assertEquals("0.1", fmt(0.1f, DataType.FLOAT4));
        assertEquals("3.14", fmt(3.14f, DataType.FLOAT4));
    }

    @Test
    void floatInput() {
        assertEquals(1e20, TextFormat.parse(" 1e20 ", DataType.FLOAT8));
        assertEquals(Double.POSITIVE_INFINITY, TextFormat.parse("Infinity", DataType.FLOAT8));
        assertEquals(Double.NEGATIVE_INFINITY, TextFormat.parse("-inf", DataType.FLOAT8));
        assertEquals(Double.NaN, TextFormat.parse("nan", DataType.FLOAT8));
        assertSqlState("22P02", () -> TextFormat.parse("1d", DataType.FLOAT8));
        assertSqlState("22P02", () -> TextFormat.parse("0x10", DataType.FLOAT8));
        assertSqlState("22003", () -> TextFormat.parse("1e400", DataType.FLOAT8));
        assertSqlState("22003", () -> TextFormat.parse("1e39", DataType.FLOAT4));
        DbException e = assertThrows(DbException.class, () -> TextFormat.parse("abc", DataType.FLOAT8));
        assertEquals("invalid input syntax for type double precision: \"abc\"", e.getMessage());
    }

    @Test
    void integers() {
        assertEquals(42, TextFormat.parse(" 42 ", DataType.INT4));
        assertEquals(-2147483648, TextFormat.parse("-2147483648", DataType.INT4));
        assertEquals(Long.MIN_VALUE, TextFormat.parse("-9223372036854775808", DataType.INT8));
        assertEquals((short) 7, TextFormat.parse("+7", DataType.INT2));
        DbException e = assertThrows(DbException.class, () -> TextFormat.parse("abc", DataType.INT4));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"abc\"", e.getMessage());
        e = assertThrows(DbException.class, () -> TextFormat.parse("2147483648", DataType.INT4));
        assertEquals("22003", e.sqlState());
        assertEquals("value \"2147483648\" is out of range for type integer", e.getMessage());
        assertSqlState("22003", () -> TextFormat.parse("9223372036854775808", DataType.INT8));
        assertSqlState("22003", () -> TextFormat.parse("99999999999999999999999", DataType.INT8));
        assertSqlState("22P02", () -> TextFormat.parse("", DataType.INT4));
        assertSqlState("22P02", () -> TextFormat.parse("1.5", DataType.INT4));
        assertEquals("-5", fmt(-5L, DataType.INT8));
    }

    @Test
    void booleans() {
        for (String t : new String[] {"t", "true", "TRUE", "yes", "y", "on", "1", " tr "}) {
            assertEquals(Boolean.TRUE, TextFormat.parse(t, DataType.BOOL), t);
        }
        for (String f : new String[] {"f", "false", "no", "n", "off", "of", "0", "FALSE"}) {
            assertEquals(Boolean.FALSE, TextFormat.parse(f, DataType.BOOL), f);
        }
        assertSqlState("22P02", () -> TextFormat.parse("o", DataType.BOOL));
        assertSqlState("22P02", () -> TextFormat.parse("maybe", DataType.BOOL));
        assertEquals("t", fmt(true, DataType.BOOL));
        assertEquals("f", fmt(false, DataType.BOOL));
    }

    @Test
    void numericKeepsScale() {
        assertEquals(new BigDecimal("1.50"), TextFormat.parse("1.50", DataType.NUMERIC));
        assertEquals("1.50", fmt(new BigDecimal("1.50"), DataType.NUMERIC));
        assertEquals("1000", fmt(new BigDecimal("1E+3"), DataType.NUMERIC));
        assertSqlState("22P02", () -> TextFormat.parse("12a", DataType.NUMERIC));
    }

    @Test
    void datesAndTimestamps() {
        assertEquals(LocalDate.of(2024, 1, 2), TextFormat.parse("2024-01-02", DataType.DATE));
        assertEquals(LocalDate.of(2024, 1, 2), TextFormat.parse("2024-01-02 10:00:00", DataType.DATE));
        assertEquals("2024-01-02", fmt(LocalDate.of(2024, 1, 2), DataType.DATE));
        assertEquals("0044-03-15 BC", fmt(LocalDate.of(-43, 3, 15), DataType.DATE));
        assertEquals(LocalDate.of(-43, 3, 15), TextFormat.parse("0044-03-15 BC", DataType.DATE));
        assertEquals("infinity", fmt(TextFormat.parse("infinity", DataType.DATE), DataType.DATE));
        assertSqlState("22008", () -> TextFormat.parse("2024-02-30", DataType.DATE));
        assertSqlState("22007", () -> TextFormat.parse("yesterdayish", DataType.DATE));

        LocalDateTime ts = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000);
        assertEquals("2024-01-02 03:04:05.5", fmt(ts, DataType.TIMESTAMP));
        assertEquals(ts, TextFormat.parse("2024-01-02T03:04:05.5", DataType.TIMESTAMP));
        assertEquals(ts, TextFormat.parse("2024-01-02 03:04:05.5+02", DataType.TIMESTAMP));
        assertEquals("2024-01-02 03:04:05.123456", fmt(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), DataType.TIMESTAMP));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_457_000), TextFormat.parse("2024-01-02 03:04:05.1234567", DataType.TIMESTAMP));
        assertEquals(LocalDateTime.of(2024, 1, 3, 0, 0), TextFormat.parse("2024-01-02 24:00:00", DataType.TIMESTAMP));
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), TextFormat.parse("2024-01-02", DataType.TIMESTAMP));
        assertEquals("1970-01-01 00:00:00", fmt(TextFormat.parse("epoch", DataType.TIMESTAMP), DataType.TIMESTAMP));
        assertSqlState("22008", () -> TextFormat.parse("2024-01-02 25:00:00", DataType.TIMESTAMP));

        OffsetDateTime tz = OffsetDateTime.of(ts, ZoneOffset.UTC);
        assertEquals("2024-01-02 03:04:05.5+00", fmt(tz, DataType.TIMESTAMPTZ));
        assertEquals("2024-01-02 03:04:05.5+00", fmt(tz.withOffsetSameInstant(ZoneOffset.ofHours(5)), DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02 03:04:05.5+00", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02T05:04:05.5+02:00", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02 08:34:05.5+0530", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02T03:04:05.5Z", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02 03:04:05.5 UTC", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-02 04:04:05.5 Europe/Paris", DataType.TIMESTAMPTZ));
        assertEquals(tz, TextFormat.parse("2024-01-01 22:04:05.5-05", DataType.TIMESTAMPTZ));
        assertEquals("03:04:05", fmt(LocalTime.of(3, 4, 5), DataType.of(SqlType.TIME)));
        assertEquals(LocalTime.of(3, 4), TextFormat.parse("03:04", DataType.of(SqlType.TIME)));
    }

    @Test
    void intervals() {
        assertEquals(new Interval(0, 1, 0), TextFormat.parse("1 day", DataType.INTERVAL));
        assertEquals(new Interval(0, 0, 300_000_000L), TextFormat.parse("5 minutes", DataType.INTERVAL));
        assertEquals(new Interval(0, 0, 3_723_000_000L), TextFormat.parse("01:02:03", DataType.INTERVAL));
        assertEquals(new Interval(14, 0, 0), TextFormat.parse("1 year 2 mons", DataType.INTERVAL));
        assertEquals(new Interval(0, 1, 0), TextFormat.parse("P1D", DataType.INTERVAL));
        assertEquals(new Interval(14, 3, 4 * 3_600_000_000L + 5 * 60_000_000L + 6_500_000L),
                TextFormat.parse("P1Y2M3DT4H5M6.5S", DataType.INTERVAL));
        assertEquals(new Interval(0, 1, 43_200_000_000L), TextFormat.parse("1.5 days", DataType.INTERVAL));
        assertEquals(new Interval(0, -1, -7_200_000_000L), TextFormat.parse("@ 1 day 2 hours ago", DataType.INTERVAL));
        assertEquals(new Interval(0, 0, 300_000_000L), TextFormat.parse("5min", DataType.INTERVAL));
        assertEquals(new Interval(0, 0, 10_000_000L), TextFormat.parse("10", DataType.INTERVAL));
        assertEquals(new Interval(0, 7, 0), TextFormat.parse("1 week", DataType.INTERVAL));
        assertSqlState("22007", () -> TextFormat.parse("1 fortnight", DataType.INTERVAL));
        assertSqlState("22007", () -> TextFormat.parse("", DataType.INTERVAL));

        assertEquals("1 day", fmt(new Interval(0, 1, 0), DataType.INTERVAL));
        assertEquals("2 days", fmt(new Interval(0, 2, 0), DataType.INTERVAL));
        assertEquals("00:00:00", fmt(new Interval(0, 0, 0), DataType.INTERVAL));
        assertEquals("1 day 02:00:00", fmt(new Interval(0, 1, 7_200_000_000L), DataType.INTERVAL));
        assertEquals("1 year 2 mons 3 days 04:05:06.5",
                fmt(new Interval(14, 3, 4 * 3_600_000_000L + 5 * 60_000_000L + 6_500_000L), DataType.INTERVAL));
        assertEquals("-1 days +02:00:00", fmt(new Interval(0, -1, 7_200_000_000L), DataType.INTERVAL));
        assertEquals("-00:05:00", fmt(new Interval(0, 0, -300_000_000L), DataType.INTERVAL));
        assertEquals("1 mon", fmt(new Interval(1, 0, 0), DataType.INTERVAL));
        assertEquals("100:00:00", fmt(new Interval(0, 0, 360_000_000_000L), DataType.INTERVAL));
        for (String s : new String[] {"1 day", "-1 days +02:00:00", "1 year 2 mons 3 days 04:05:06.5", "-00:05:00", "-3 mons"}) {
            assertEquals(s, fmt(TextFormat.parse(s, DataType.INTERVAL), DataType.INTERVAL));
        }
    }

    @Test
    void byteaUuidArrays() {
        assertEquals("\\xdeadbeef", fmt(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, DataType.BYTEA));
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad}, (byte[]) TextFormat.parse("\\xDEAD", DataType.BYTEA));
        assertArrayEquals(new byte[] {'a', '\\', 0}, (byte[]) TextFormat.parse("a\\\\\\000", DataType.BYTEA));
        assertSqlState("22P02", () -> TextFormat.parse("\\xabc", DataType.BYTEA));

        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals(u, TextFormat.parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", DataType.UUID));
        assertEquals(u, TextFormat.parse("{a0eebc999c0b4ef8bb6d6bb9bd380a11}", DataType.UUID));
        assertEquals(u, TextFormat.parse("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", DataType.UUID));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", fmt(u, DataType.UUID));
        assertSqlState("22P02", () -> TextFormat.parse("a0eebc99", DataType.UUID));

        DataType intArray = DataType.arrayOf(SqlType.INT4);
        SqlArray ints = new SqlArray(SqlType.INT4, new Object[] {1, 2, null});
        assertEquals("{1,2,NULL}", fmt(ints, intArray));
        assertEquals(ints, TextFormat.parse("{1, 2 ,NULL}", intArray));
        assertEquals(new SqlArray(SqlType.INT4, new Object[0]), TextFormat.parse("{}", intArray));

        DataType textArray = DataType.arrayOf(SqlType.TEXT);
        SqlArray texts = new SqlArray(SqlType.TEXT, new Object[] {"a b", "x\"y", "", "NULL", null, "back\\slash", "plain"});
        String printed = fmt(texts, textArray);
        assertEquals("{\"a b\",\"x\\\"y\",\"\",\"NULL\",NULL,\"back\\\\slash\",plain}", printed);
        assertEquals(texts, TextFormat.parse(printed, textArray));
        assertSqlState("22P02", () -> TextFormat.parse("{1,2", intArray));
        assertSqlState("22P02", () -> TextFormat.parse("1,2", intArray));
        assertSqlState("22P02", () -> TextFormat.parse("{1,x}", intArray));
        assertSqlState("0A000", () -> TextFormat.parse("{{1},{2}}", intArray));
    }
}
