package io.tableos.db.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * KeyCodec: random tuples of every key type (seed in each failure message) must order by
 * bytes exactly as the reference SQL comparison in {@link RandomValues} orders them, be
 * prefix-free, and decode back; plus the documented corner cases.
 */
class KeyCodecTest {
    private static final int ROUNDS = 300;
    private static final int TUPLES_PER_ROUND = 60;

    @Test
    void byteOrderMatchesSqlOrderForRandomTuples() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            int width = 1 + r.nextInt(3);
            List<DataType> types = new ArrayList<>();
            boolean[] descending = new boolean[width];
            for (int i = 0; i < width; i++) {
                types.add(RandomValues.KEY_TYPES.get(r.nextInt(RandomValues.KEY_TYPES.size())));
                descending[i] = r.nextInt(3) == 0;
            }
            List<Object[]> tuples = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (int t = 0; t < TUPLES_PER_ROUND; t++) {
                Object[] tuple = new Object[width];
                for (int i = 0; i < width; i++) tuple[i] = RandomValues.value(r, types.get(i), 0.1);
                tuples.add(tuple);
                keys.add(KeyCodec.encode(tuple, types, descending));
            }
            String context = "seed=" + seed + " round=" + round + " types=" + types + " desc=" + Arrays.toString(descending);
            for (int a = 0; a < TUPLES_PER_ROUND; a++) {
                assertDecodes(tuples.get(a), keys.get(a), types, descending, context);
                assertPrefixes(tuples.get(a), keys.get(a), types, descending, context);
                for (int b = 0; b < TUPLES_PER_ROUND; b++) {
                    int expected = Integer.signum(reference(types, descending, tuples.get(a), tuples.get(b)));
                    int actual = Integer.signum(KeyOrder.compare(keys.get(a), keys.get(b)));
                    if (expected != actual) {
                        throw new AssertionError(context + ": " + Arrays.deepToString(tuples.get(a)) + " vs "
                                + Arrays.deepToString(tuples.get(b)) + " expected " + expected + " got " + actual);
                    }
                }
            }
        }
    }

    private static int reference(List<DataType> types, boolean[] descending, Object[] a, Object[] b) {
        for (int i = 0; i < types.size(); i++) {
            int c = RandomValues.compare(types.get(i), a[i], b[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return 0;
    }

    private static void assertDecodes(Object[] tuple, byte[] key, List<DataType> types, boolean[] descending, String context) {
        Object[] decoded = KeyCodec.decode(key, types, descending);
        assertEquals(tuple.length, decoded.length, context);
        for (int i = 0; i < tuple.length; i++) {
            assertTrue(RandomValues.sameValue(types.get(i), tuple[i], decoded[i]),
                    context + ": decoded " + decoded[i] + " for " + tuple[i]);
        }
    }

    private static void assertPrefixes(Object[] tuple, byte[] key, List<DataType> types, boolean[] descending, String context) {
        for (int n = 0; n < tuple.length; n++) {
            byte[] prefix = KeyCodec.encode(Arrays.copyOf(tuple, n), types, descending);
            assertArrayEquals(prefix, Arrays.copyOf(key, prefix.length), context + " prefix of " + n);
            assertEquals(prefix.length, KeyCodec.prefixLength(key, types, descending, n), context);
            assertTrue(KeyRange.prefix(prefix).contains(key), context);
        }
    }

    @Test
    void stringsOrderAsDocumented() {
        List<DataType> text = List.of(DataType.TEXT);
        byte[] a = KeyCodec.encode(new Object[] {"a"}, text, null);
        byte[] aNul = KeyCodec.encode(new Object[] {"a\0"}, text, null);
        byte[] ab = KeyCodec.encode(new Object[] {"ab"}, text, null);
        assertTrue(KeyOrder.compare(a, aNul) < 0);
        assertTrue(KeyOrder.compare(aNul, ab) < 0);
        assertTrue(!KeyRange.prefix(a).contains(ab), "\"a\" must not be a key prefix of \"ab\"");
    }

    @Test
    void numericsWithDifferentScaleEncodeEqual() {
        List<DataType> numeric = List.of(DataType.NUMERIC);
        assertArrayEquals(KeyCodec.encode(new Object[] {new BigDecimal("1.0")}, numeric, null),
                KeyCodec.encode(new Object[] {new BigDecimal("1.00")}, numeric, null));
        assertArrayEquals(KeyCodec.encode(new Object[] {new BigDecimal("100")}, numeric, null),
                KeyCodec.encode(new Object[] {new BigDecimal("1E+2")}, numeric, null));
        assertEquals(new BigDecimal("100"), KeyCodec.decode(KeyCodec.encode(new Object[] {new BigDecimal("1E+2")}, numeric, null), numeric, null)[0]);
    }

    @Test
    void nullSortsLastAscendingAndFirstDescending() {
        List<DataType> int4 = List.of(DataType.INT4);
        byte[] nul = KeyCodec.encode(new Object[] {null}, int4, null);
        byte[] max = KeyCodec.encode(new Object[] {Integer.MAX_VALUE}, int4, null);
        assertTrue(KeyOrder.compare(max, nul) < 0);
        boolean[] desc = {true};
        assertTrue(KeyOrder.compare(KeyCodec.encode(new Object[] {null}, int4, desc),
                KeyCodec.encode(new Object[] {Integer.MIN_VALUE}, int4, desc)) < 0);
    }

    @Test
    void integerColumnsAcceptAnyNumber() {
        List<DataType> int4 = List.of(DataType.INT4);
        assertArrayEquals(KeyCodec.encode(new Object[] {7}, int4, null), KeyCodec.encode(new Object[] {7L}, int4, null));
        assertEquals(7, KeyCodec.decode(KeyCodec.encode(new Object[] {(short) 7}, int4, null), int4, null)[0]);
        DbException e = assertThrows(DbException.class, () -> KeyCodec.encode(new Object[] {1L << 40}, int4, null));
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, e.sqlState());
    }

    @Test
    void primaryKeyEncodesKeyColumnsOrHiddenRowId() {
        TableDef keyed = new TableDef(1, "public", "t", List.of(
                new ColumnDef("a", DataType.TEXT, false, null), new ColumnDef("id", DataType.INT8, true, null)),
                List.of(1, 0), "t_pkey", List.of(), 0);
        assertArrayEquals(KeyCodec.encode(new Object[] {5L, "x"}, List.of(DataType.INT8, DataType.TEXT), null),
                KeyCodec.primaryKey(keyed, new Object[] {"x", 5L}, 0));
        TableDef hidden = new TableDef(2, "public", "h", List.of(new ColumnDef("a", DataType.TEXT, false, null)),
                List.of(), null, List.of(), 9);
        assertArrayEquals(KeyCodec.encode(new Object[] {42L}, List.of(DataType.INT8), null),
                KeyCodec.primaryKey(hidden, new Object[] {"x"}, 42));
    }
}
