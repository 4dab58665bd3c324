package io.tableos.db.txn;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The snapshots open on this node, so the version store keeps what they read.
 *
 * <p>A snapshot is a commit sequence S: it sees every item applied up to S and nothing after.
 * Taking one races with pruning; the protocol: a reader publishes S in its handle, then reads
 * the published prune bound and retries if the bound passed S. The pruner publishes its bound,
 * then reads every handle again and prunes only below both. With volatile (sequentially
 * consistent) accesses one of the two sees the other, so no version a snapshot needs is cut.
 */
final class Snapshots {
    /** One transaction's snapshot; {@link #NONE} while it holds none. */
    static final class Handle {
        volatile long sequence = NONE;
    }

    static final long NONE = Long.MAX_VALUE;

    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private final LongSupplier appliedSequence;
    private volatile long pruneBound;

    Snapshots(LongSupplier appliedSequence) {
        this.appliedSequence = appliedSequence;
    }

    Handle register() {
        Handle h = new Handle();
        open.add(h);
        return h;
    }

    void release(Handle h) {
        h.sequence = NONE;
        open.remove(h);
    }

    /** Points {@code h} at the newest applied state and returns that sequence. */
    long take(Handle h) {
        while (true) {
            long s = appliedSequence.getAsLong();
            h.sequence = s;
            if (s >= pruneBound) return s;
            Thread.onSpinWait();
        }
    }

    /** Apply thread: the highest sequence whose versions no open snapshot needs (see class comment). */
    long pruneBound() {
        long bound = Math.min(appliedSequence.getAsLong(), oldestOpen());
        pruneBound = bound;
        return Math.min(bound, oldestOpen());
    }

    int openCount() {
        return open.size();
    }

    long oldestOpen() {
        long oldest = NONE;
        for (Handle h : open) oldest = Math.min(oldest, h.sequence);
        return oldest;
    }
}
