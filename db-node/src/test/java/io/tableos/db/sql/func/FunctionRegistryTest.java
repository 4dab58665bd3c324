package io.tableos.db.sql.func;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls library functions through lookup, as the executor does, and checks PostgreSQL's results. */
class FunctionRegistryTest {

    private static final OffsetDateTime TXN = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
    private static final FunctionContext CTX = new FunctionContext() {
        public OffsetDateTime transactionTimestamp() { return TXN; }
        public OffsetDateTime statementTimestamp() { return TXN.plusSeconds(1); }
        public String currentUser() { return "alice"; }
        public String currentDatabase() { return "tableos"; }
        public String currentSchema() { return "public"; }
        public int backendPid() { return 42; }
        public String setting(String name) { return name.equals("server_version_num") ? "150000" : null; }
        public AdvisoryLocks advisoryLocks() { throw new UnsupportedOperationException("no session here"); }
        public void checkNow() { }
    };

    private static Object call(String name, Object... args) {
        List<DataType> types = Arrays.stream(args).map(Casts::typeOfValue).toList();
        return FunctionRegistry.lookup(name, types).call(args, CTX);
    }

    @Test
    void strings() {
        assertEquals(3, call("length", "abc"));
        assertEquals(1, call("length", "\uD83D\uDE00"));
        assertEquals(4, call("octet_length", "\uD83D\uDE00"));
        assertEquals("bc", call("substr", "abcdef", 2, 2));
        assertEquals("a", call("substr", "abcdef", -1, 3));
        assertEquals("cdef", call("substring", "abcdef", 3));
        assertEquals("123", call("substring", "ab123cd", "[0-9]+"));
        assertEquals("xyabc", call("lpad", "abc", 5, "xy"));
        assertEquals("ab", call("lpad", "abc", 2));
        assertEquals("abc  ", call("rpad", "abc", 5));
        assertEquals("abc", call("btrim", "  abc  "));
        assertEquals("abc", call("trim", "xxabcxx", "x"));
        assertEquals("abc  ", call("ltrim", "  abc  "));
        assertEquals(2, call("strpos", "abc", "b"));
        assertEquals(0, call("position", "abc", "z"));
        assertEquals("ab", call("left", "abcd", 2));
        assertEquals("ab", call("left", "abcd", -2));
        assertEquals("cd", call("right", "abcd", 2));
        assertEquals("ababab", call("repeat", "ab", 3));
        assertEquals("cba", call("reverse", "abc"));
        assertEquals("a1", call("concat", "a", null, 1));
        assertEquals("a,b", call("concat_ws", ",", "a", null, "b"));
        assertEquals("b", call("split_part", "a,b,c", ",", 2));
        assertEquals("c", call("split_part", "a,b,c", ",", -1));
        assertEquals("Hello World", call("initcap", "hELLO wORLD"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", call("md5", "abc"));
        assertEquals("ff", call("to_hex", 255));
        assertEquals("ffffffff", call("to_hex", -1));
        assertEquals(65, call("ascii", "A"));
        assertEquals("A", call("chr", 65));
        assertEquals(true, call("starts_with", "alpha", "al"));
        assertEquals("x/\"My T\"/'it''s'/NULL", call("format", "%s/%I/%L/%L", "x", "My T", "it's", null));
        assertEquals("a b c", call("regexp_replace", "a   b  c", "\\s+", " ", "g"));
        assertEquals("deadbeef", call("encode", call("decode", "deadbeef", "hex"), "hex"));
        assertNull(call("upper", (Object) null));
        DbException e = assertThrows(DbException.class, () -> FunctionRegistry.lookup("nosuch", List.of(DataType.INT4)));
        assertEquals("42883", e.sqlState());
        assertEquals("function nosuch(integer) does not exist", e.getMessage());
    }

    @Test
    void math() {
        assertEquals(5, call("abs", -5));
        assertEquals(new BigDecimal("1.5"), call("abs", new BigDecimal("-1.5")));
        assertEquals(3.0, call("ceil", 2.1));
        assertEquals(new BigDecimal("3"), call("ceil", new BigDecimal("2.1")));
        assertEquals(new BigDecimal("3"), call("round", new BigDecimal("2.5")));
        assertEquals(2.0, call("round", 2.5)); // float8 rounds half to even
        assertEquals(new BigDecimal("2.57"), call("round", new BigDecimal("2.567"), 2));
        assertEquals(new BigDecimal("2.56"), call("trunc", new BigDecimal("2.567"), 2));
        assertEquals(1, call("mod", 7, 3));
        assertEquals(3.0, call("sqrt", 9));
        assertEquals(2.0, call("log", 100));
        assertEquals(5, call("greatest", 1, 5, null, 3));
        assertEquals(new BigDecimal("1"), call("least", 2, new BigDecimal("1"), 3));
        assertThrows(DbException.class, () -> call("ln", 0));
        double r = (Double) call("random");
        assertTrue(r >= 0 && r < 1);
        assertTrue(FunctionRegistry.lookup("random", List.of()).volatileResult());
    }

    @Test
    void dateTime() {
        assertEquals(TXN, call("now"));
        assertEquals(TXN.toLocalDate(), call("current_date"));
        LocalDateTime t = LocalDateTime.of(2024, 5, 17, 13, 45, 30, 123_000_000);
        assertEquals(LocalDateTime.of(2024, 5, 17, 13, 45), call("date_trunc", "minute", t));
        assertEquals(LocalDateTime.of(2024, 5, 13, 0, 0), call("date_trunc", "week", t));
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), call("date_trunc", "quarter", t));
        assertEquals(2024.0, call("date_part", "year", t));
        assertEquals(30.123, (Double) call("date_part", "second", t), 1e-9);
        assertEquals(5.0, call("date_part", "dow", t));
        assertEquals(1704164645.0, call("date_part", "epoch", TXN));
        assertEquals(3600.0, call("date_part", "epoch", new Interval(0, 0, 3_600_000_000L)));
        assertEquals(new Interval(14, 2, 0), call("age", LocalDateTime.of(2025, 3, 3, 0, 0), LocalDateTime.of(2024, 1, 1, 0, 0)));
        assertEquals("2024-05-17 13:45:30", call("to_char", t, "YYYY-MM-DD HH24:MI:SS"));
        assertEquals("May 17, 2024 01 PM", call("to_char", t, "Mon DD, YYYY HH12 AM"));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), call("to_timestamp", 1704164645.0));
        assertEquals(new Interval(0, 0, 30_000_000L), call("make_interval", null, null, null, null, null, null, 30));
    }

    @Test
    void systemArrayJson() {
        assertEquals("tableos", call("current_database"));
        assertEquals(42, call("pg_backend_pid"));
        assertEquals("150000", call("current_setting", "server_version_num"));
        assertEquals("42704", assertThrows(DbException.class, () -> call("current_setting", "nope")).sqlState());
        assertTrue(((String) call("version")).startsWith("PostgreSQL 15"));
        SqlArray a = new SqlArray(SqlType.INT4, new Object[] {10, 20, null});
        assertEquals(3, call("array_length", a, 1));
        assertNull(call("array_length", new SqlArray(SqlType.INT4, new Object[0]), 1));
        assertEquals(3, call("cardinality", a));
        assertEquals(2, call("array_position", a, 20));
        assertEquals("10,20,*", call("array_to_string", a, ",", "*"));
        assertEquals("{\"a\": 1, \"bb\": \"x\"}", call("jsonb_build_object", "bb", "x", "a", 1));
        assertEquals("{\"n\": 5}", call("jsonb_build_object", "n", 5));
        assertEquals("[1, \"a\", null]", call("to_json", new SqlArray(SqlType.TEXT, new Object[] {"1", "a", null})).toString().replace("\"1\"", "1"));
        assertEquals("{\"a\": 1, \"b\": [1, 2]}", Casts.cast("{\"b\":[1,2],\"a\":1}", DataType.JSONB));
        assertEquals("22P02", assertThrows(DbException.class, () -> Casts.cast("{bad", DataType.JSONB)).sqlState());
        String doc = "{\"a\": {\"b\": [1, \"two\"]}, \"s\": \"str\", \"z\": null}";
        assertEquals("{\"b\": [1, \"two\"]}", JsonFunctions.get(doc, "a", true));
        assertEquals("str", JsonFunctions.getText(doc, "s"));
        assertNull(JsonFunctions.getText(doc, "z"));
        assertEquals("two", JsonFunctions.getPathText(doc, "{a,b,1}"));
        assertEquals("two", JsonFunctions.getText(JsonFunctions.get(JsonFunctions.get(doc, "a", true), "b", true), -1));
        assertEquals(true, JsonFunctions.contains(doc, "{\"a\": {\"b\": [1]}}"));
        assertEquals(false, JsonFunctions.contains(doc, "{\"s\": \"x\"}"));
        assertEquals(true, JsonFunctions.hasKey(doc, "s"));
    }
}
