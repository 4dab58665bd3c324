package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.pk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A row map that outgrows its Chronicle Map moves into a bigger one while it is read and
 * written ({@link GrowingMap#moveIntoBiggerMap}): every row stays readable with its latest value
 * during the moves (readers never miss a row that exists), writes made during a move win over
 * the moved copy, large (out-of-line) rows move as pointers, and the map ends sized for its
 * rows with the smaller maps left for closing; the chunks of large rows grow alike. The
 * fixture's row maps start at 1,280 entries, chunk maps at {@link RowMap#CHUNK_MAP_ENTRIES}.
 */
class RowMapGrowthTest {
    private final long seed = System.nanoTime();
    private final MapGrower grower = new MapGrower();
    private final RowMap rows = RowMaps.create(StorageFixtures.items(), StorageFixtures.config(), 0, grower);

    @AfterEach
    void close() {
        rows.close();
        grower.close();
    }

    @Test
    void rowsOutgrowingTheMapEndInOneSizedForThem() throws Exception {
        long first = rows.inline().capacity();
        int n = 60_000;
        for (int i = 0; i < n; i++) assertNull(rows.put(pk(i), value(i, 0)));
        grower.awaitQueued();
        assertFalse(rows.inline().moving());
        assertTrue(rows.inline().capacity() >= n, "capacity " + rows.inline().capacity() + " for " + n + " rows");
        assertTrue(grower.retiredCount() >= 2, "each growth leaves its smaller map to close after the grace, from " + first);
        for (int i = 0; i < n; i++) assertArrayEquals(value(i, 0), rows.get(pk(i)), "row " + i);
        assertNull(rows.get(pk(n)));
    }

    @Test
    void readersNeverMissARowAndWritesDuringMovesWin() throws Exception {
        int stable = 5_000;
        for (int i = 0; i < stable; i++) rows.put(pk(i), value(i, 0));
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            Random random = new Random(seed + r);
            readers[r] = new Thread(() -> {
                while (!done.get() && failures.isEmpty()) {
                    int key = random.nextInt(stable);
                    byte[] got = rows.get(pk(key));
                    if (got == null || !new String(got, StandardCharsets.UTF_8).startsWith(key + ":")) {
                        failures.add("stable row " + key + " read as " + (got == null ? null : new String(got, StandardCharsets.UTF_8)));
                    }
                }
            });
            readers[r].start();
        }
        // The writer (this thread) inserts, updates and deletes rows above the stable ones,
        // against a model, while the growths it causes move rows on the grower's thread.
        Random random = new Random(seed);
        Map<Integer, byte[]> model = new HashMap<>();
        int version = 1;
        for (int op = 0; op < 200_000 && failures.isEmpty(); op++) {
            int key = stable + random.nextInt(80_000);
            if (random.nextInt(5) == 0) {
                byte[] old = rows.remove(pk(key));
                assertArrayEquals(model.remove(key), old, "removed row " + key + ", seed " + seed);
            } else {
                byte[] row = random.nextInt(2_000) == 0 ? big(key, RowMap.INLINE_ENTRY_BYTES_MAX + 1_000, version++) : value(key, version++);
                assertArrayEquals(model.put(key, row), rows.put(pk(key), row), "replaced row " + key + ", seed " + seed);
            }
        }
        done.set(true);
        for (Thread reader : readers) reader.join();
        assertTrue(failures.isEmpty(), failures.peek() + ", seed " + seed);
        grower.awaitQueued();
        assertFalse(rows.inline().moving());
        assertEquals(0, grower.failedMoves());
        for (int i = 0; i < stable; i++) assertArrayEquals(value(i, 0), rows.get(pk(i)));
        for (int key = stable; key < stable + 80_000; key++) {
            assertArrayEquals(model.get(key), rows.get(pk(key)), "row " + key + ", seed " + seed);
        }
        assertEquals(model.values().stream().filter(r -> r.length > RowMap.INLINE_ENTRY_BYTES_MAX).count(), countBig(model.keySet()),
                "large rows kept their chunks");
    }

    @Test
    void chunksOfLargeRowsMoveIntoABiggerMap() throws Exception {
        int n = 200; // four chunks each: 800 chunks in a map made for 256
        for (int i = 0; i < n; i++) rows.put(pk(i), big(i, 3 * RowMap.CHUNK_BYTES + 10, 0));
        for (int i = 0; i < n; i += 2) rows.put(pk(i), big(i, 3 * RowMap.CHUNK_BYTES + 10, 1)); // replaced while moving
        grower.awaitQueued();
        assertFalse(rows.chunks().moving());
        assertEquals(4L * n, rows.chunkCount());
        assertTrue(rows.chunks().capacity() >= 4L * n, "chunk map capacity " + rows.chunks().capacity());
        for (int i = 0; i < n; i++) assertArrayEquals(big(i, 3 * RowMap.CHUNK_BYTES + 10, i % 2 == 0 ? 1 : 0), rows.get(pk(i)), "row " + i);
        assertEquals(0, grower.failedMoves());
    }

    @Test
    void closingDuringAMoveEndsIt() throws Exception {
        for (int i = 0; i < 40_000; i++) rows.put(pk(i), value(i, 0));
        rows.close(); // a move may be running or queued: it stops at its next batch and closes what it holds
        grower.awaitQueued();
        assertEquals(0, grower.failedMoves());
    }

    private long countBig(Iterable<Integer> keys) {
        long n = 0;
        for (int key : keys) {
            byte[] row = rows.get(pk(key));
            if (row != null && row.length > RowMap.INLINE_ENTRY_BYTES_MAX) n++;
        }
        return n;
    }

    private static byte[] value(int key, int version) {
        return (key + ":" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] big(int key, int length, int version) {
        byte[] row = new byte[length];
        byte[] head = value(key, version);
        System.arraycopy(head, 0, row, 0, head.length);
        row[row.length - 1] = (byte) version;
        return row;
    }
}
