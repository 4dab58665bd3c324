package io.tableos.db.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * PackedKeySet against a TreeSet model: random adds and removes (enough to split and merge
 * chunks), then every cursor start in both directions must list exactly the model's keys.
 */
class PackedKeySetTest {
    @Test
    void matchesTreeSetUnderRandomAddsAndRemoves() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        PackedKeySet set = new PackedKeySet();
        NavigableSet<byte[]> model = new TreeSet<>(KeyOrder.COMPARATOR);
        for (int step = 0; step < 40_000; step++) {
            byte[] key = randomKey(r);
            if (r.nextInt(3) == 0) {
                assertEquals(model.remove(key), set.remove(key), "seed=" + seed + " step=" + step);
            } else {
                assertEquals(model.add(key), set.add(key, key.length / 2), "seed=" + seed + " step=" + step);
            }
        }
        assertEquals(model.size(), set.size(), "seed=" + seed);
        assertTrue(set.chunkCount() > 10, "test must exercise splits");
        PackedKeySet bulk = new PackedKeySet();
        bulk.add(new byte[] {1}, 0); // replaced entirely
        byte[][] sorted = model.toArray(new byte[0][]);
        int[] splits = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) splits[i] = sorted[i].length / 2;
        bulk.replaceWithSorted(sorted, splits, sorted.length);
        assertSame(model, bulk.cursor(null, false), "bulk seed=" + seed);
        assertSame(model.descendingSet(), bulk.cursor(null, true), "bulk seed=" + seed);
        PackedKeySet.Cursor withSplits = bulk.cursor(null, false);
        while (withSplits.next()) assertEquals(withSplits.key().length / 2, withSplits.split());
        for (int probe = 0; probe < 50; probe++) {
            byte[] from = r.nextInt(10) == 0 ? null : randomKey(r);
            assertSame(from == null ? model : model.tailSet(from, true), set.cursor(from, false), "seed=" + seed);
            assertSame(from == null ? model.descendingSet() : model.headSet(from, true).descendingSet(), set.cursor(from, true), "seed=" + seed);
            byte[] ceiling = from == null ? null : set.ceiling(from);
            if (from != null) assertArrayEquals(model.ceiling(from), ceiling);
        }
    }

    @Test
    void sequentialAppendsFillChunks() {
        PackedKeySet set = new PackedKeySet();
        for (long i = 0; i < 100_000; i++) set.add(KeyCodec.encode(new Object[] {i}, List.of(io.tableos.db.types.DataType.INT8), null), 0);
        double bytesPerKey = (double) set.dataBytes() / set.size();
        assertTrue(bytesPerKey < 16, "9-byte keys should pack to < 16 bytes each, got " + bytesPerKey);
        for (long i = 0; i < 100_000; i += 2) set.remove(KeyCodec.encode(new Object[] {i}, List.of(io.tableos.db.types.DataType.INT8), null));
        assertEquals(50_000, set.size());
        assertFalse(set.contains(KeyCodec.encode(new Object[] {0L}, List.of(io.tableos.db.types.DataType.INT8), null)));
    }

    /**
     * One writer churns odd keys (adds and removes, forcing splits and merges) while a reader
     * scans both ways: every scan must be strictly ordered and contain every even key, which
     * the writer never touches.
     */
    @Test
    void readerSeesEveryStableKeyWhileWriterSplitsAndMerges() throws Exception {
        PackedKeySet set = new PackedKeySet();
        int stable = 20_000;
        for (long i = 0; i < stable; i++) set.add(key(2 * i), 0);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                for (int round = 0; round < 6; round++) {
                    for (long i = 0; i < stable; i++) set.add(key(2 * i + 1), 0);
                    for (long i = 0; i < stable; i++) set.remove(key(2 * i + 1));
                }
            } finally {
                done.set(true);
            }
        });
        writer.start();
        int scans = 0;
        while (!done.get() || scans < 2) {
            boolean descending = scans % 2 == 1;
            PackedKeySet.Cursor c = set.cursor(null, descending);
            long previous = descending ? Long.MAX_VALUE : -1;
            long evens = 0;
            while (c.next()) {
                long v = java.nio.ByteBuffer.wrap(c.key()).getLong();
                assertTrue(descending ? v < previous : v > previous, "order broke at " + v + " after " + previous);
                previous = v;
                if (v % 2 == 0) evens++;
            }
            assertEquals(stable, evens, "scan " + scans + " lost or repeated stable keys");
            scans++;
        }
        writer.join();
        assertEquals(stable, set.size());
    }

    private static byte[] key(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    private static void assertSame(Iterable<byte[]> expected, PackedKeySet.Cursor cursor, String context) {
        List<byte[]> actual = new ArrayList<>();
        while (cursor.next()) actual.add(cursor.key());
        int i = 0;
        for (byte[] e : expected) {
            assertTrue(i < actual.size(), context + ": cursor ended early at " + i);
            assertArrayEquals(e, actual.get(i), context + " at " + i);
            i++;
        }
        assertEquals(i, actual.size(), context);
    }

    private static byte[] randomKey(Random r) {
        byte[] key = new byte[1 + r.nextInt(r.nextInt(10) == 0 ? 300 : 12)];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (r.nextInt(4) * 60);
        return key;
    }
}
