package io.tableos.db.txn;

import io.tableos.db.replication.RaftNodeConfig;
import java.time.Duration;

/**
 * Settings of the commit path. Every limit a client can push is named here.
 *
 * @param raft                 the Raft group and this node's place in it
 * @param entriesInFlightMax   Raft entries submitted but not yet applied; more commits wait and join the next entry
 * @param itemsPerEntryMax     transactions (and DDL) per Raft entry
 * @param lockTimeout          longest wait for a row lock (55P03 after it)
 * @param commitTimeout        longest wait for a commit to be applied (08007, outcome unknown, after it)
 * @param conflictKeysMax      recent written keys kept for validation; older reads conflict
 * @param readSetPreciseMax    keys and ranges a transaction's read set keeps before escalating to whole tables
 * @param writeSetBytesMax     heap one transaction's buffered writes may take (54000 above; tableos.txn.maxbytes)
 * @param stageBytesMin        a write set counted at this many bytes or more is shipped ahead of its commit
 *                             in staged chunks of about this size (below the Raft entry limit), so no
 *                             transaction needs one entry for all its writes
 * @param historyWindow        how long replaced row versions are kept beyond what open snapshots need
 * @param historyBytesMax      the version store's budget: past it, versions go before the window ends
 *                             (never one an open snapshot needs)
 */
public record TransactionManagerConfig(RaftNodeConfig raft, int entriesInFlightMax, int itemsPerEntryMax,
                                       Duration lockTimeout, Duration commitTimeout, int conflictKeysMax,
                                       int readSetPreciseMax, long writeSetBytesMax, Duration historyWindow,
                                       long historyBytesMax, int stageBytesMin) {

    public TransactionManagerConfig {
        if (entriesInFlightMax < 1) throw new IllegalArgumentException("entriesInFlightMax < 1");
        if (itemsPerEntryMax < 1) throw new IllegalArgumentException("itemsPerEntryMax < 1");
        if (historyWindow.isNegative() || historyBytesMax < 0) throw new IllegalArgumentException("negative history window or budget");
        if (writeSetBytesMax < 1) throw new IllegalArgumentException("writeSetBytesMax < 1");
        if (stageBytesMin < 1 || stageBytesMin > raft.entryBytesMax() / 2) {
            throw new IllegalArgumentException("stageBytesMin must be positive and at most half the Raft entry limit");
        }
    }

    /**
     * One entry in flight: while it is made durable and replicated, every commit that arrives
     * joins the next, which is cut the moment the first is applied. Each entry costs every
     * replica a fixed amount of work (receive, append, fsync, apply, and the thread wake-ups in
     * between), so fewer, fuller entries win wherever CPU is the limit. Measured on 2 cores,
     * pgbench TPC-B 8 clients, 1 vs 2 in flight: 1 node 6,096/6,180 vs 5,505/5,740 TPS (3.0 vs
     * 1.9 transactions per entry); 3 nodes 1,704 vs 1,391 (GRPC), 1,947 vs 1,689 (NETTY);
     * 32 autocommit inserters 8,540 vs 7,417 (1 node), 2,752 vs 1,965 (3 nodes).
     *
     * <p>A quarter of the heap for one transaction's buffered writes: the leader also holds its
     * row locks and, once it is sequenced, its pending-layer entries, so one such transaction may
     * take about half the heap.
     */
    public static TransactionManagerConfig defaults(RaftNodeConfig raft) {
        return new TransactionManagerConfig(raft, 1, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(30),
                200_000, 10_000, Runtime.getRuntime().maxMemory() / 4, DEFAULT_HISTORY_WINDOW,
                Runtime.getRuntime().maxMemory() / 8, Math.min(DEFAULT_STAGE_BYTES, raft.entryBytesMax() / 2));
    }

    /**
     * Chunks of 8 MiB: far below the 72 MiB entry limit, so a small commit sequenced behind a
     * big transaction waits for at most {@link #STAGE_CHUNKS_IN_FLIGHT} such entries to be
     * replicated and staged, and far above Ratis' fixed cost per entry (~1 KB entries run at
     * thousands per second), so a big transaction pays little for being cut up.
     */
    public static final int DEFAULT_STAGE_BYTES = 8 << 20;

    /** Chunks of one transaction submitted but not yet staged: overlaps replication with encoding. */
    static final int STAGE_CHUNKS_IN_FLIGHT = 2;

    /** Room in a Raft entry for its header and one item's framing. */
    private static final int ENTRY_OVERHEAD_BYTES = 4096;

    /** Key plus row bytes of the largest row: one row must fit one Raft entry (54000 above, when buffered). */
    public long rowBytesMax() {
        return raft.entryBytesMax() - ENTRY_OVERHEAD_BYTES;
    }

    /** tableos.txn.maxbytes. */
    public TransactionManagerConfig withWriteSetBytesMax(long max) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, max, historyWindow, historyBytesMax, stageBytesMin);
    }

    public TransactionManagerConfig withStageBytesMin(int min) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax, historyWindow, historyBytesMax, min);
    }

    /**
     * By default versions are kept only while an open snapshot needs them; a window
     * (tableos.historywindowseconds) keeps more, for reads as of a past commit, within an eighth
     * of the heap. Retention costs CPU: pgbench TPC-B, one node, 8 clients, quiet 2-core host,
     * node CPU per transaction 0.290 ms with a 60 s window (the 128 MiB budget full, 880K
     * versions, G1 busy with them) against 0.260 ms with 1 s (3 MB) and 0.228 ms before MVCC.
     */
    public static final Duration DEFAULT_HISTORY_WINDOW = Duration.ZERO;

    public TransactionManagerConfig withHistory(Duration window, long bytesMax) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax, window, bytesMax, stageBytesMin);
    }

    public TransactionManagerConfig withCommitTimeout(Duration timeout) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, timeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax, historyWindow, historyBytesMax, stageBytesMin);
    }

    public TransactionManagerConfig withLockTimeout(Duration timeout) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, timeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax, historyWindow, historyBytesMax, stageBytesMin);
    }

    public TransactionManagerConfig withEntriesInFlightMax(int max) {
        return new TransactionManagerConfig(raft, max, itemsPerEntryMax, lockTimeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax, historyWindow, historyBytesMax, stageBytesMin);
    }

    public TransactionManagerConfig withConflictKeysMax(int max) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, commitTimeout,
                max, readSetPreciseMax, writeSetBytesMax, historyWindow, historyBytesMax, stageBytesMin);
    }
}
