package io.tableos.db.sql.func;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Casts and operators against PostgreSQL 15's results and SQLSTATEs for the same expressions. */
class CastsAndOperatorsTest {

    private static DbException fails(String state, Runnable r) {
        DbException e = assertThrows(DbException.class, r::run);
        assertEquals(state, e.sqlState(), e.getMessage());
        return e;
    }

    @Test
    void castsFollowPostgresRounding() {
        assertEquals(2, Casts.castExplicit(2.5, DataType.INT4)); // rint: half to even
        assertEquals(4, Casts.castExplicit(3.5, DataType.INT4));
        assertEquals(3, Casts.castExplicit(new BigDecimal("2.5"), DataType.INT4)); // numeric: half away from zero
        assertEquals(-3, Casts.castExplicit(new BigDecimal("-2.5"), DataType.INT4));
        assertEquals(42L, Casts.cast("42", DataType.INT8));
        assertEquals("integer out of range", fails("22003", () -> Casts.cast(3_000_000_000L, DataType.INT4)).getMessage());
        fails("22003", () -> Casts.cast(40000, DataType.INT2));
        assertEquals("invalid input syntax for type integer: \"abc\"", fails("22P02", () -> Casts.cast("abc", DataType.INT4)).getMessage());
        assertEquals("true", Casts.castExplicit(true, DataType.TEXT));
        assertEquals("1.5", Casts.castExplicit(1.5, DataType.TEXT));
        assertEquals(new BigDecimal("0.1"), Casts.castExplicit(0.1, DataType.NUMERIC));
        assertEquals(new BigDecimal("0.3"), Casts.castExplicit(0.1 + 0.2, DataType.NUMERIC));
    }

    @Test
    void typmodsAreEnforced() {
        DataType varchar3 = Casts.parseTypeName("varchar(3)");
        assertEquals("abc", Casts.cast("abc", varchar3));
        assertEquals("abc", Casts.cast("abc  ", varchar3)); // trailing blanks may be cut
        assertEquals("value too long for type character varying(3)", fails("22001", () -> Casts.cast("abcd", varchar3)).getMessage());
        assertEquals("abc", Casts.castExplicit("abcd", varchar3));
        assertEquals("ab   ", Casts.cast("ab", Casts.parseTypeName("char(5)")));
        DataType money = Casts.parseTypeName("numeric(5,2)");
        assertEquals(new BigDecimal("123.46"), Casts.cast(new BigDecimal("123.455"), money));
        assertEquals(new BigDecimal("1.00"), Casts.cast(1, money));
        DbException e = fails("22003", () -> Casts.cast(new BigDecimal("1000"), money));
        assertEquals("numeric field overflow", e.getMessage());
        assertEquals("A field with precision 5, scale 2 must round to an absolute value less than 10^3.", e.detail());
        fails("22003", () -> Casts.cast("999.999", money));
    }

    @Test
    void typeNames() {
        assertEquals(new DataType(SqlType.VARCHAR, 20, -1, null), Casts.parseTypeName("varchar(20)"));
        assertEquals(new DataType(SqlType.VARCHAR, 20, -1, null), Casts.parseTypeName("character varying(20)"));
        assertEquals(DataType.INT4, Casts.parseTypeName("int"));
        assertEquals(DataType.INT4, Casts.parseTypeName("serial"));
        assertEquals(DataType.INT8, Casts.parseTypeName("BIGINT"));
        assertEquals(DataType.FLOAT8, Casts.parseTypeName("double  precision"));
        assertEquals(DataType.TIMESTAMPTZ, Casts.parseTypeName("timestamp with time zone"));
        assertEquals(DataType.TIMESTAMPTZ, Casts.parseTypeName("pg_catalog.timestamptz"));
        assertEquals(DataType.TIMESTAMP, Casts.parseTypeName("timestamp(3)"));
        assertEquals(DataType.arrayOf(SqlType.TEXT), Casts.parseTypeName("text[]"));
        assertEquals(DataType.arrayOf(SqlType.INT8), Casts.parseTypeName("bigint[]"));
        assertEquals(new DataType(SqlType.NUMERIC, 10, 2, null), Casts.parseTypeName("numeric(10, 2)"));
        assertEquals(DataType.FLOAT4, Casts.parseTypeName("float(10)"));
        assertEquals("type \"foo\" does not exist", fails("42704", () -> Casts.parseTypeName("foo")).getMessage());
    }

    @Test
    void commonTypes() {
        assertEquals(DataType.INT8, Casts.commonType(DataType.INT4, DataType.INT8));
        assertEquals(DataType.NUMERIC, Casts.commonType(DataType.INT4, DataType.NUMERIC));
        assertEquals(DataType.FLOAT8, Casts.commonType(DataType.NUMERIC, DataType.FLOAT8));
        assertEquals(DataType.DATE, Casts.commonType(DataType.UNKNOWN, DataType.DATE));
        assertEquals(DataType.TEXT, Casts.commonType(Casts.parseTypeName("varchar(3)"), DataType.TEXT));
        assertEquals(DataType.TIMESTAMPTZ, Casts.commonType(DataType.DATE, DataType.TIMESTAMPTZ));
        fails("42804", () -> Casts.commonType(DataType.INT4, DataType.BOOL));
    }

    @Test
    void integerArithmeticOverflowsAndDivides() {
        assertEquals(5, Operators.add(2, 3));
        assertEquals(5L, Operators.add(2, 3L));
        assertEquals("integer out of range", fails("22003", () -> Operators.add(Integer.MAX_VALUE, 1)).getMessage());
        fails("22003", () -> Operators.multiply(Long.MAX_VALUE, 2L));
        fails("22003", () -> Operators.negate(Integer.MIN_VALUE));
        fails("22003", () -> Operators.divide(Integer.MIN_VALUE, -1));
        assertEquals("division by zero", fails("22012", () -> Operators.divide(1, 0)).getMessage());
        fails("22012", () -> Operators.divide(1.0, 0.0));
        fails("22012", () -> Operators.modulo(1, 0));
        fails("22012", () -> Operators.divide(BigDecimal.ONE, BigDecimal.ZERO));
        assertEquals(-2, Operators.divide(-7, 3));
        assertEquals(-1, Operators.modulo(-7, 3));
        assertNull(Operators.add(null, 1));
        assertEquals(new BigDecimal("0.33333333333333333333"), Operators.divide(BigDecimal.ONE, new BigDecimal(3)));
        assertEquals(new BigDecimal("2.5000000000000000"), Operators.divide(new BigDecimal(10), 4));
        assertEquals(8.0, Operators.power(2, 3));
        assertEquals(new BigDecimal("3.5"), Operators.add(new BigDecimal("1.5"), 2));
        assertEquals(3.5, Operators.add(1.5, 2));
        fails("2201F", () -> Operators.power(0, -1));
    }

    @Test
    void dateArithmetic() {
        LocalDate d = LocalDate.of(2024, 1, 31);
        assertEquals(LocalDate.of(2024, 2, 7), Operators.add(d, 7));
        assertEquals(31, Operators.subtract(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 1, 31)));
        assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), Operators.add(d, new Interval(1, 0, 0)));
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 12, 0);
        assertEquals(LocalDateTime.of(2024, 1, 1, 11, 55), Operators.subtract(t, "5 minutes"));
        assertEquals(new Interval(0, 1, 7_200_000_000L), Operators.subtract(LocalDateTime.of(2024, 1, 2, 14, 0), t));
        OffsetDateTime tz = OffsetDateTime.of(t, ZoneOffset.UTC);
        assertEquals(tz.plusDays(1), Operators.add(tz, new Interval(0, 1, 0)));
        assertEquals(new Interval(0, 0, 30_000_000L), Operators.multiply(30, new Interval(0, 0, 1_000_000L)));
        assertEquals(new Interval(0, 15, 0), Operators.multiply(new Interval(1, 0, 0), 0.5));
        assertTrue(Operators.compare(new Interval(1, 0, 0), new Interval(0, 30, 0)) == 0);
        assertTrue(Operators.compare(new Interval(0, 1, 0), new Interval(0, 0, 86_400_000_001L)) < 0);
        assertTrue(Operators.compare(LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 1)) < 0);
    }

    @Test
    void comparisons() {
        assertEquals(0, Operators.compare(1, 1L));
        assertEquals(0, Operators.compare(new BigDecimal("1.0"), 1));
        assertTrue(Operators.compare(Double.NaN, Double.POSITIVE_INFINITY) > 0);
        assertEquals(0, Operators.compare(-0.0, 0.0));
        assertTrue(Operators.compare("B", "a") < 0); // C collation
        assertTrue(Operators.compare("\uFFFF", "\uD83D\uDE00") < 0); // code point order, not UTF-16
        assertTrue(Operators.compare(UUID.fromString("80000000-0000-0000-0000-000000000000"), UUID.fromString("00000000-0000-0000-0000-000000000000")) > 0);
        assertTrue(Operators.compare(new byte[] {(byte) 0xff}, new byte[] {1}) > 0);
        assertTrue(Operators.compare(false, true) < 0);
        assertNull(Operators.equalTo(null, 1));
        assertEquals(Boolean.TRUE, Operators.equalTo(5, "5"));
        fails("42883", () -> Operators.compare(1, true));
    }

    @Test
    void concatenation() {
        assertEquals("a1", Operators.concat("a", 1));
        assertNull(Operators.concat("a", null));
        SqlArray ab = new SqlArray(SqlType.TEXT, new Object[] {"a", "b"});
        assertEquals(new SqlArray(SqlType.TEXT, new Object[] {"a", "b", "c"}), Operators.concatValues(ab, "c"));
        assertEquals(new SqlArray(SqlType.TEXT, new Object[] {"z", "a", "b"}), Operators.concatValues("z", ab));
        assertEquals(new SqlArray(SqlType.TEXT, new Object[] {"a", "b", "a", "b"}), Operators.concatValues(ab, ab));
    }

    @Test
    void likeAndRegex() {
        assertTrue(Operators.like("abc", "a%", false, null));
        assertTrue(Operators.like("abc", "_b_", false, null));
        assertFalse(Operators.like("abc", "_b", false, null));
        assertTrue(Operators.like("abc", "%", false, null));
        assertTrue(Operators.like("", "%", false, null));
        assertFalse(Operators.like("", "_", false, null));
        assertTrue(Operators.like("a%c", "a\\%c", false, null));
        assertFalse(Operators.like("abc", "a\\%c", false, null));
        assertTrue(Operators.like("a_c", "a#_c", false, '#'));
        assertFalse(Operators.like("abc", "a#_c", false, '#'));
        assertTrue(Operators.like("a\\c", "a\\c", false, '\0')); // ESCAPE ''
        assertTrue(Operators.like("ABC", "a%c", true, null));
        assertFalse(Operators.like("ABC", "a%c", false, null));
        assertTrue(Operators.like("xaaab", "%a%ab", false, null));
        assertTrue(Operators.like("\uD83D\uDE00x", "_x", false, null)); // _ is one character
        assertTrue(Operators.like("a.*c", "a.*c", false, null)); // no regex leakage
        fails("22025", () -> Operators.like("a", "a\\", false, null));
        assertTrue(Operators.regexMatch("pg_toast", "^pg_", false));
        assertTrue(Operators.regexMatch("Mail", "^m", true));
        assertFalse(Operators.regexMatch("Mail", "^m", false));
        assertTrue(Operators.regexMatch("abc1", "[[:digit:]]", false));
        fails("2201B", () -> Operators.regexMatch("a", "(", false));
    }

    @Test
    void resultTypes() {
        assertEquals(DataType.INT8, Operators.resultType("+", DataType.INT4, DataType.INT8));
        assertEquals(DataType.NUMERIC, Operators.resultType("*", DataType.INT4, DataType.NUMERIC));
        assertEquals(DataType.TIMESTAMPTZ, Operators.resultType("-", DataType.TIMESTAMPTZ, DataType.UNKNOWN));
        assertEquals(DataType.INTERVAL, Operators.resultType("-", DataType.TIMESTAMP, DataType.TIMESTAMP));
        assertEquals(DataType.INT4, Operators.resultType("-", DataType.DATE, DataType.DATE));
        assertEquals(DataType.DATE, Operators.resultType("+", DataType.DATE, DataType.INT4));
        assertEquals(DataType.TIMESTAMP, Operators.resultType("+", DataType.DATE, DataType.INTERVAL));
        assertEquals(DataType.FLOAT8, Operators.resultType("^", DataType.INT4, DataType.INT4));
        assertEquals(DataType.TEXT, Operators.resultType("||", DataType.TEXT, DataType.INT4));
        assertEquals(DataType.TEXT, Operators.resultType("->>", DataType.JSONB, DataType.UNKNOWN));
        assertEquals(DataType.BOOL, Operators.resultType("=", DataType.INT4, DataType.INT4));
    }
}
