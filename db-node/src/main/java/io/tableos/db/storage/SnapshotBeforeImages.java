package io.tableos.db.storage;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values that rows of one table had at an open snapshot cut, saved by the apply thread
 * just before it first overwrites or deletes each such row, so the background writer
 * ({@link FrozenTable}) writes the cut's value instead of a newer live one.
 *
 * <p>Only rows present at the cut are saved (their keys are in the cut's frozen key set): a
 * row inserted after the cut is never written, so its changes need nothing, and a row
 * deleted and inserted again keeps the value saved at its first change.
 *
 * <p>Memory bound: one entry per distinct row present at the cut and changed while the cut
 * is open, so at most the table's row count at the cut, and in practice (distinct rows
 * changed per second) x (seconds the write takes). Example: pgbench TPC-B at 5,000
 * commits/s changes ~5,000 distinct accounts rows a second (plus all tellers and
 * branches); a 3 s write of the 1M-row accounts table keeps ~15,000 entries of ~100-byte
 * rows plus ~100 bytes of map overhead each: about 3 MB of heap, freed when the cut closes.
 * {@link ChronicleStorage#snapshotBeforeImageCount()} reports the count (sys.metrics).
 */
final class SnapshotBeforeImages {
    private final PackedKeySet cutKeys;
    private final Map<ByteBuffer, byte[]> saved = new ConcurrentHashMap<>();
    /** Entries over all tables of the cut. */
    private final AtomicLong savedCount;
    /** Counted down when the cut closes; TRUNCATE waits for it. */
    private final CountDownLatch cutClosed;

    SnapshotBeforeImages(PackedKeySet cutKeys, AtomicLong savedCount, CountDownLatch cutClosed) {
        this.cutKeys = cutKeys;
        this.savedCount = savedCount;
        this.cutClosed = cutClosed;
    }

    /**
     * Apply thread, before it changes or deletes the live row of {@code primaryKey} in
     * {@code rows}: saves the live value when the row existed at the cut and has not been
     * saved yet. A row absent now but present at the cut was deleted after the cut, and that
     * delete saved it already.
     */
    void saveFirst(byte[] primaryKey, RowMap rows) {
        if (saved.containsKey(ByteBuffer.wrap(primaryKey))) return;
        byte[] current = rows.get(primaryKey);
        if (current == null || !cutKeys.contains(primaryKey)) return;
        saved.put(ByteBuffer.wrap(primaryKey.clone()), current); // the caller may reuse its key array
        savedCount.incrementAndGet();
    }

    /** Writer: the row's value at the cut when it has changed since, else null. */
    byte[] valueAtCut(byte[] primaryKey) {
        return saved.get(ByteBuffer.wrap(primaryKey));
    }

    /** Apply thread (TRUNCATE): waits until the cut is closed, so the writer no longer needs the old rows. */
    void awaitCutClosed() {
        try {
            cutClosed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a snapshot write to finish", e);
        }
    }
}
