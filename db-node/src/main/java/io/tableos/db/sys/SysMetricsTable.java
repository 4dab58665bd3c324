package io.tableos.db.sys;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.replication.RaftStatus;
import io.tableos.db.txn.CommitTimings;
import io.tableos.db.txn.TransactionManagerImpl;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sys.metrics(name, value)}: counters of the commit path and Raft on this node, and
 * rates over the interval since the previous query (at least {@link #RATE_WINDOW_NANOS}
 * apart; a query sooner repeats the last rates). All values are integers.
 *
 * <ul>
 *   <li>entries_submitted: Raft entries this node's sequencer submitted (as leader)
 *   <li>entries_applied: Raft entries applied here (from any leader)
 *   <li>transactions_sequenced: commits, procedures and DDL this node sequenced (as leader)
 *   <li>applied_sequence: the commit sequence of the last item applied here
 *   <li>transactions_per_entry_x100: transactions_sequenced per entry submitted, times 100 (group commit)
 *   <li>commits_per_second, entries_per_second: sequenced items and submitted entries per second
 *   <li>applied_entries_per_second: entries applied per second
 *   <li>raft_term, raft_commit_index, raft_applied_index, raft_last_index, raft_snapshot_index, raft_is_leader,
 *       raft_members, raft_max_follower_lag
 *   <li>snapshot_before_images: rows whose value at the cut the running background snapshot
 *       keeps (0 when none runs; bounded by rows changed while it writes)
 *   <li>mvcc_version_bytes, mvcc_versions: the version store (replaced rows kept for open snapshots
 *       and the history window; bytes estimated), mvcc_spilled_bytes: the part of them in files
 *       (large rows), mvcc_open_snapshots: snapshots open here
 *   <li>staged_chunks_applied, staged_commits_applied: large transactions' chunk entries kept
 *       aside here, and the commits that installed them
 *   <li>commits_timed, commit_sequence_us_total, commit_wait_us_total, entries_timed,
 *       entry_replicate_us_total, entry_apply_us_total: where commit time goes ({@link CommitTimings});
 *       totals to sample twice and divide
 *   <li>jvm_heap_used_bytes, jvm_heap_max_bytes
 * </ul>
 */
public final class SysMetricsTable implements SystemTable {
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("name", DataType.TEXT, true, null),
            new ColumnDef("value", DataType.INT8, false, null));

    private final TransactionManagerImpl transactions;
    private final Object rateLock = new Object();
    private long sampleNanos = System.nanoTime();
    private long sampleItems;
    private long sampleEntries;
    private long sampleApplied;
    private long itemsPerSecond;
    private long entriesPerSecond;
    private long appliedPerSecond;

    public SysMetricsTable(TransactionManagerImpl transactions) {
        this.transactions = transactions;
    }

    @Override
    public String schema() {
        return "sys";
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public List<ColumnDef> columns() {
        return COLUMNS;
    }

    @Override
    public Iterable<Object[]> rows(Context context) {
        long entries = transactions.entriesSubmitted();
        long items = transactions.itemsSequenced();
        long applied = transactions.entriesApplied();
        updateRates(items, entries, applied);
        RaftStatus raft = transactions.raftStatus();
        long maxLag = 0;
        for (RaftStatus.PeerStatus p : raft.peers()) maxLag = Math.max(maxLag, p.lagEntries());
        Runtime runtime = Runtime.getRuntime();
        List<Object[]> rows = new ArrayList<>();
        add(rows, "entries_submitted", entries);
        add(rows, "entries_applied", applied);
        add(rows, "transactions_sequenced", items);
        add(rows, "applied_sequence", transactions.appliedSequence());
        add(rows, "transactions_per_entry_x100", entries == 0 ? 0 : items * 100 / entries);
        synchronized (rateLock) {
            add(rows, "commits_per_second", itemsPerSecond);
            add(rows, "entries_per_second", entriesPerSecond);
            add(rows, "applied_entries_per_second", appliedPerSecond);
        }
        add(rows, "raft_term", raft.term());
        add(rows, "raft_commit_index", raft.commitIndex());
        add(rows, "raft_applied_index", raft.appliedIndex());
        add(rows, "raft_last_index", raft.lastIndex());
        add(rows, "raft_snapshot_index", raft.snapshotIndex());
        add(rows, "raft_is_leader", raft.leaderReady() ? 1 : 0);
        add(rows, "sequencer_leading", transactions.sequencerLeading() ? 1 : 0);
        add(rows, "raft_members", raft.peers().size());
        add(rows, "raft_max_follower_lag", maxLag);
        add(rows, "snapshot_before_images", transactions.storage().snapshotBeforeImageCount());
        add(rows, "mvcc_version_bytes", transactions.versionBytes());
        add(rows, "mvcc_spilled_bytes", transactions.spilledVersionBytes());
        add(rows, "mvcc_versions", transactions.versionCount());
        add(rows, "mvcc_open_snapshots", transactions.openSnapshots());
        add(rows, "staged_chunks_applied", transactions.stageChunksApplied());
        add(rows, "staged_commits_applied", transactions.stagedCommitsApplied());
        long[] timings = transactions.timings().totals();
        for (int i = 0; i < timings.length; i++) add(rows, CommitTimings.NAMES.get(i), timings[i]);
        add(rows, "jvm_heap_used_bytes", runtime.totalMemory() - runtime.freeMemory());
        add(rows, "jvm_heap_max_bytes", runtime.maxMemory());
        return rows;
    }

    private void updateRates(long items, long entries, long applied) {
        long now = System.nanoTime();
        synchronized (rateLock) {
            long elapsed = now - sampleNanos;
            if (elapsed < RATE_WINDOW_NANOS) return;
            itemsPerSecond = (items - sampleItems) * 1_000_000_000L / elapsed;
            entriesPerSecond = (entries - sampleEntries) * 1_000_000_000L / elapsed;
            appliedPerSecond = (applied - sampleApplied) * 1_000_000_000L / elapsed;
            sampleNanos = now;
            sampleItems = items;
            sampleEntries = entries;
            sampleApplied = applied;
        }
    }

    private static void add(List<Object[]> rows, String name, long value) {
        rows.add(new Object[] {name, value});
    }
}
