package io.tableos.db.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RowCodec: random rows of random tables over every type (seed in failure messages) decode
 * whole, column by column and as any subset of columns (the others null) to the values written; NUMERIC keeps its scale; a row written
 * before columns were added reads NULL for them.
 */
class RowCodecTest {
    @Test
    void randomRowsRoundTrip() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            int width = 1 + r.nextInt(12);
            List<ColumnDef> columns = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                columns.add(new ColumnDef("c" + i, RandomValues.KEY_TYPES.get(r.nextInt(RandomValues.KEY_TYPES.size())), false, null));
            }
            TableDef table = table(columns);
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) row[i] = RandomValues.value(r, columns.get(i).type(), 0.3);
            byte[] encoded = RowCodec.encode(table, row);
            Object[] decoded = RowCodec.decode(table, encoded);
            for (int i = 0; i < width; i++) {
                DataType type = columns.get(i).type();
                String context = "seed=" + seed + " round=" + round + " column " + i + " " + type;
                assertTrue(same(type, row[i], decoded[i]), context + ": " + row[i] + " decoded as " + decoded[i]);
                assertTrue(same(type, row[i], RowCodec.decodeColumn(table, encoded, i)), context + " via decodeColumn");
            }
            boolean[] wanted = new boolean[width];
            for (int i = 0; i < width; i++) wanted[i] = r.nextBoolean();
            Object[] some = RowCodec.decodeColumns(table, encoded, wanted);
            for (int i = 0; i < width; i++) {
                String context = "seed=" + seed + " round=" + round + " column " + i + " via decodeColumns";
                if (wanted[i]) assertTrue(same(columns.get(i).type(), row[i], some[i]), context);
                else assertNull(some[i], context);
            }
        }
    }

    /** Row values must come back exactly: floats bit for bit, numerics with their scale. */
    private static boolean same(DataType type, Object a, Object b) {
        if (a instanceof BigDecimal x) return x.equals(b);
        if (a instanceof Float x) return b instanceof Float y && Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y);
        if (a instanceof Double x) return b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        if (a != null && b != null && a.getClass() != b.getClass()) return false;
        return RandomValues.sameValue(type, a, b);
    }

    @Test
    void rowWrittenBeforeAddColumnReadsNullForNewColumn() {
        TableDef before = table(List.of(new ColumnDef("a", DataType.INT4, false, null)));
        TableDef after = table(List.of(new ColumnDef("a", DataType.INT4, false, null), new ColumnDef("b", DataType.TEXT, false, null)));
        byte[] encoded = RowCodec.encode(before, new Object[] {3});
        assertEquals(3, RowCodec.decode(after, encoded)[0]);
        assertNull(RowCodec.decode(after, encoded)[1]);
        assertNull(RowCodec.decodeColumn(after, encoded, 1));
    }

    @Test
    void narrowRowIsCompact() {
        TableDef table = table(List.of(new ColumnDef("id", DataType.INT8, true, null),
                new ColumnDef("a", DataType.INT4, false, null), new ColumnDef("b", DataType.TEXT, false, null)));
        byte[] encoded = RowCodec.encode(table, new Object[] {1000L, 5, "abcdefghij"});
        assertEquals(1 + 1 + 2 + 1 + 1 + 10, encoded.length, "count, bitmap, varints, length, text");
    }

    static TableDef table(List<ColumnDef> columns) {
        return new TableDef(1, "public", "t", columns, List.of(), null, List.of(), 0);
    }
}
