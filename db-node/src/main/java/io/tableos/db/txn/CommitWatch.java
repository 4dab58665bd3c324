package io.tableos.db.txn;

import io.tableos.db.txn.log.LogItem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a caller block until a commit that wrote one of some tables is applied on this node
 * (the long-poll of built-in procedures), woken by the apply thread rather than by polling.
 *
 * <p>Invariant: a table's version grows by at least one for every applied item that wrote it,
 * and is read before the work whose staleness it guards. A waiter that read versions, then
 * found nothing to do, and then waits for a change can therefore not miss a commit: one
 * sequenced after its work was applied after the read and moved a version. The apply thread
 * takes the monitor only when someone waits (a volatile count read after the version write,
 * against the waiter's count write before its version read: one of the two sees the other).
 */
public final class CommitWatch {
    /** A waiter re-checks its interrupts (cancel, statement_timeout) at least this often. */
    static final long WAIT_SLICE_MILLIS = 100;

    private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicInteger waiters = new AtomicInteger();

    /** Called by the apply thread after an item's writes are in storage. */
    void applied(LogItem.TxnWrites writes) {
        if (writes.tables().isEmpty()) return;
        for (LogItem.TableWrites t : writes.tables()) counter(t.tableId()).incrementAndGet();
        if (waiters.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** The current versions of {@code tableIds}, to pass to {@link #await} later. */
    public long[] versions(long[] tableIds) {
        long[] out = new long[tableIds.length];
        for (int i = 0; i < tableIds.length; i++) out[i] = counter(tableIds[i]).get();
        return out;
    }

    /**
     * Waits until one of {@code tableIds} moved past {@code seen} or {@code untilNanos}
     * ({@link System#nanoTime()} scale) passed; true when a table changed.
     *
     * @param checkInterrupts run at least every {@link #WAIT_SLICE_MILLIS}; throws to stop waiting
     */
    public boolean await(long[] tableIds, long[] seen, long untilNanos, Runnable checkInterrupts) {
        waiters.incrementAndGet();
        try {
            synchronized (this) {
                while (true) {
                    if (changed(tableIds, seen)) return true;
                    long leftNanos = untilNanos - System.nanoTime();
                    if (leftNanos <= 0) return false;
                    checkInterrupts.run();
                    long sliceMillis = Math.min(WAIT_SLICE_MILLIS, Math.max(1, leftNanos / 1_000_000));
                    wait(sliceMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters.decrementAndGet();
        }
    }

    private boolean changed(long[] tableIds, long[] seen) {
        for (int i = 0; i < tableIds.length; i++) if (counter(tableIds[i]).get() != seen[i]) return true;
        return false;
    }

    private AtomicLong counter(long tableId) {
        return versions.computeIfAbsent(tableId, id -> new AtomicLong());
    }
}
