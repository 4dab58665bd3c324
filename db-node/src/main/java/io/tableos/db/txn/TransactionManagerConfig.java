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
 * @param writeSetBytesMax     bytes one transaction may buffer (54000 above); below the Raft entry limit
 */
public record TransactionManagerConfig(RaftNodeConfig raft, int entriesInFlightMax, int itemsPerEntryMax,
                                       Duration lockTimeout, Duration commitTimeout, int conflictKeysMax,
                                       int readSetPreciseMax, long writeSetBytesMax) {

    /** Room in a Raft entry for its header and one item's framing. */
    private static final int ENTRY_OVERHEAD_BYTES = 4096;

    public TransactionManagerConfig {
        if (entriesInFlightMax < 1) throw new IllegalArgumentException("entriesInFlightMax < 1");
        if (itemsPerEntryMax < 1) throw new IllegalArgumentException("itemsPerEntryMax < 1");
        if (writeSetBytesMax > raft.entryBytesMax() - ENTRY_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("writeSetBytesMax must stay below the Raft entry limit");
        }
    }

    /**
     * Two entries in flight: one being made durable (and replicated), the next filling with
     * every commit that arrives meanwhile. More in flight put ~1 transaction in each entry and
     * paid Raft's per-entry cost for each (pgbench TPC-B, 8 clients: 1.1 vs 2.4 transactions
     * per entry; 1 node ~4% and 3 nodes ~8% more TPS with 2 than with 8).
     */
    public static TransactionManagerConfig defaults(RaftNodeConfig raft) {
        return new TransactionManagerConfig(raft, 2, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(30),
                200_000, 10_000, raft.entryBytesMax() - ENTRY_OVERHEAD_BYTES);
    }

    public TransactionManagerConfig withLockTimeout(Duration timeout) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, timeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax);
    }

    public TransactionManagerConfig withEntriesInFlightMax(int max) {
        return new TransactionManagerConfig(raft, max, itemsPerEntryMax, lockTimeout, commitTimeout,
                conflictKeysMax, readSetPreciseMax, writeSetBytesMax);
    }

    public TransactionManagerConfig withConflictKeysMax(int max) {
        return new TransactionManagerConfig(raft, entriesInFlightMax, itemsPerEntryMax, lockTimeout, commitTimeout,
                max, readSetPreciseMax, writeSetBytesMax);
    }
}
