package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.idOf;
import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static io.tableos.db.storage.StorageFixtures.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ChronicleTableStore through the TableStore contract: point operations, ordered range
 * scans both ways, secondary indexes (non-unique, unique, multi-column, DESC, partial)
 * kept current by put and delete, and a reader scanning while the writer changes rows.
 */
class TableStoreTest {
    private final ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config());

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void putGetDeleteAndCount() {
        TableStore t = storage.createTable(items());
        put(t, 1, 10, "x");
        put(t, 2, null, null);
        assertEquals(2, t.rowCount());
        assertArrayEquals(new Object[] {1L, 10, "x"}, RowCodec.decode(t.def(), t.get(pk(1))));
        put(t, 1, 11, "y");
        assertEquals(2, t.rowCount());
        assertEquals(11, RowCodec.decodeColumn(t.def(), t.get(pk(1)), 1));
        assertTrue(t.delete(pk(1)));
        assertFalse(t.delete(pk(1)));
        assertNull(t.get(pk(1)));
        assertEquals(1, t.rowCount());
        t.clear();
        assertEquals(0, t.rowCount());
        assertNull(t.get(pk(2)));
    }

    @Test
    void scansRangesInBothDirections() {
        TableStore t = storage.createTable(items());
        for (long id = 99; id >= 0; id--) put(t, id, (int) id, "r" + id);
        assertEquals(range(10, 20), ids(t.scan(new KeyRange(pk(10), true, pk(20), false), false)));
        assertEquals(reversed(range(11, 21)), ids(t.scan(new KeyRange(pk(10), false, pk(20), true), true)));
        assertEquals(range(0, 100), ids(t.scan(KeyRange.ALL, false)));
        assertEquals(reversed(range(0, 100)), ids(t.scan(KeyRange.ALL, true)));
        assertEquals(List.of(42L), ids(t.scan(KeyRange.point(pk(42)), false)));
        assertEquals(List.of(42L), ids(t.scan(KeyRange.prefix(pk(42)), true)));
        assertEquals(range(95, 100), ids(t.scan(new KeyRange(pk(95), true, null, true), false)));
        assertEquals(reversed(range(0, 5)), ids(t.scan(new KeyRange(null, true, pk(5), false), true)));
    }

    @Test
    void nonUniqueIndexFollowsPutsAndDeletes() {
        IndexDef byA = index(201, "items_a", List.of(1), List.of(false), false, null);
        TableStore t = storage.createTable(items(byA));
        for (long id = 0; id < 100; id++) put(t, id, (int) (id % 10), "r" + id);
        assertEquals(List.of(3L, 13L, 23L, 33L, 43L, 53L, 63L, 73L, 83L, 93L), indexIds(t, byA, KeyRange.prefix(aKey(3)), false));
        put(t, 13, 4, "moved");
        t.delete(pk(23));
        assertEquals(List.of(3L, 33L, 43L, 53L, 63L, 73L, 83L, 93L), indexIds(t, byA, KeyRange.prefix(aKey(3)), false));
        assertTrue(indexIds(t, byA, KeyRange.prefix(aKey(4)), false).contains(13L));
        // bounds apply to the index key without its primary-key suffix: a in [8, 9], a = 8 exactly, a in (8, 9]
        List<Long> high = indexIds(t, byA, new KeyRange(aKey(8), true, aKey(9), true), true);
        assertEquals(20, high.size());
        assertEquals(99L, high.get(0));
        assertEquals(reversed(List.of(8L, 18L, 28L, 38L, 48L, 58L, 68L, 78L, 88L, 98L)), indexIds(t, byA, KeyRange.point(aKey(8)), true));
        assertEquals(10, indexIds(t, byA, new KeyRange(aKey(8), false, aKey(9), true), false).size());
        assertArrayEquals(aKey(4), t.indexKey(byA, t.get(pk(13))));
    }

    @Test
    void uniqueMultiColumnAndDescendingIndexes() {
        IndexDef uniqueB = index(202, "items_b_key", List.of(2), List.of(false), true, null);
        IndexDef aDescB = index(203, "items_a_b", List.of(1, 2), List.of(true, false), false, null);
        TableStore t = storage.createTable(items(uniqueB, aDescB));
        for (long id = 0; id < 30; id++) put(t, id, (int) (id % 3), "name" + id);
        byte[] bKey = KeyCodec.encode(new Object[] {"name17"}, List.of(DataType.TEXT), null);
        assertEquals(List.of(17L), indexIds(t, uniqueB, KeyRange.prefix(bKey), false));
        List<Long> ordered = indexIds(t, aDescB, KeyRange.ALL, false);
        assertEquals(30, ordered.size());
        assertEquals(2L, ordered.get(0) % 3, "a DESC puts a = 2 first");
        assertEquals(0L, ordered.get(29) % 3);
        byte[] a1 = KeyCodec.encode(new Object[] {1}, List.of(DataType.INT4), new boolean[] {true});
        List<Long> ones = indexIds(t, aDescB, KeyRange.prefix(a1), false);
        assertEquals(10, ones.size());
        assertEquals(List.of(1L, 10L, 13L), ones.subList(0, 3), "then b ascending as text: name1, name10, name13");
    }

    @Test
    void partialIndexHoldsOnlyMatchingRows() {
        IndexDef positive = index(204, "items_a_positive", List.of(1), List.of(false), false, "a > 0");
        TableStore t = storage.createTable(items(positive));
        for (long id = 0; id < 20; id++) put(t, id, (int) id - 10, "r");
        assertEquals(9, indexIds(t, positive, KeyRange.ALL, false).size());
        assertNull(t.indexKey(positive, t.get(pk(3))));
        put(t, 3, 100, "now positive");
        assertEquals(10, indexIds(t, positive, KeyRange.ALL, false).size());
        put(t, 3, -1, "negative again");
        assertEquals(9, indexIds(t, positive, KeyRange.ALL, false).size());
    }

    @Test
    void partialIndexWhosePredicateReadsAColumnOutsideTheKey() {
        IndexDef byB = index(206, "items_b_where_a_positive", List.of(2), List.of(false), false, "a > 0");
        TableStore t = storage.createTable(items(byB));
        for (long id = 0; id < 20; id++) put(t, id, (int) id - 10, "r" + id);
        assertEquals(9, indexIds(t, byB, KeyRange.ALL, false).size());
        put(t, 3, 100, "now positive");
        assertEquals(10, indexIds(t, byB, KeyRange.ALL, false).size());
        put(t, 3, -1, "negative again");
        assertEquals(9, indexIds(t, byB, KeyRange.ALL, false).size());
    }

    @Test
    void anIndexDecodesItsKeyColumnsAndThoseItsPredicateNames() {
        IndexDef byB = index(207, "items_b_where_a_positive", List.of(2), List.of(false), false, "A > 0");
        assertArrayEquals(new boolean[] {false, true, true}, SecondaryIndex.neededColumns(items(byB), byB, byB.predicateSql()));
        assertArrayEquals(new boolean[] {false, false, true}, SecondaryIndex.neededColumns(items(byB), byB, null));
    }

    @Test
    void readerScanningBesideWriterSeesConsistentRows() throws Exception {
        IndexDef byA = index(205, "items_a", List.of(1), List.of(false), false, null);
        TableStore t = storage.createTable(items(byA));
        int rows = 20_000;
        for (long id = 0; id < rows; id++) put(t, id, (int) id * 2, "v" + id);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int round = 0; round < 60_000; round++) {
                    long id = (round * 7919L) % (rows * 2);
                    if (round % 3 == 0) t.delete(pk(id));
                    else put(t, id, (int) id * 2, "w" + round);
                }
            } catch (Throwable e) {
                writerFailure.set(e);
            } finally {
                done.set(true);
            }
        });
        writer.start();
        int scans = 0;
        while (!done.get() || scans < 3) {
            long previous = -1;
            try (KeyValueCursor c = t.scan(KeyRange.ALL, scans % 2 == 1)) {
                while (c.next()) {
                    long id = idOf(c.key());
                    if (previous >= 0) assertTrue(scans % 2 == 1 ? id < previous : id > previous, "scan order broke at " + id);
                    previous = id;
                    Object[] row = RowCodec.decode(t.def(), c.value());
                    assertEquals(id, row[0]);
                    assertEquals((int) id * 2, row[1], "row must be a whole version");
                }
            }
            try (KeyValueCursor c = t.indexScan(byA, KeyRange.ALL, false)) {
                while (c.next()) assertEquals(0, (int) KeyCodec.decode(c.key(), List.of(DataType.INT4), null)[0] % 2);
            }
            scans++;
        }
        writer.join();
        if (writerFailure.get() != null) throw new AssertionError("writer failed", writerFailure.get());
        assertEquals(count(t.scan(KeyRange.ALL, false)), t.rowCount());
        assertEquals(t.rowCount(), count(t.indexScan(byA, KeyRange.ALL, false)));
    }

    private static byte[] aKey(int a) {
        return KeyCodec.encode(new Object[] {a}, List.of(DataType.INT4), null);
    }

    private static List<Long> ids(KeyValueCursor c) {
        List<Long> ids = new ArrayList<>();
        while (c.next()) ids.add(idOf(c.key()));
        return ids;
    }

    private static List<Long> indexIds(TableStore t, IndexDef index, KeyRange range, boolean descending) {
        List<Long> ids = new ArrayList<>();
        try (KeyValueCursor c = t.indexScan(index, range, descending)) {
            while (c.next()) {
                assertTrue(KeyOrder.compare(c.key(), c.value()) != 0);
                ids.add(idOf(c.value()));
            }
        }
        return ids;
    }

    private static long count(KeyValueCursor c) {
        long n = 0;
        while (c.next()) n++;
        return n;
    }

    private static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i < to; i++) ids.add(i);
        return ids;
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
