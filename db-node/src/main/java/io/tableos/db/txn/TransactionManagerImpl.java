package io.tableos.db.txn;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.replication.RaftNode;
import io.tableos.db.replication.RaftStatus;
import io.tableos.db.storage.Storage;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The node's {@link TransactionManager}: session transactions, procedures and DDL over one
 * Raft group ({@link RaftNode}), storage and catalog. Construct, {@link #start()}, then use;
 * {@link #close()} stops Raft and the sequencer (storage stays open: its owner closes it).
 */
public final class TransactionManagerImpl implements TransactionManager, AutoCloseable {
    private final TransactionManagerConfig config;
    private final Storage storage;
    private final Catalog catalog;
    final RaftNode raft;
    final LockTable locks = new LockTable();
    final ConflictLog conflicts;
    final PendingWrites pending = new PendingWrites();
    final SequenceCounters counters;
    final Snapshots snapshots;
    final VersionStore versions;
    final Sequencer sequencer;
    final LogApplier applier;
    volatile NotificationSink notificationSink;
    final CommitWatch commitWatch = new CommitWatch();
    final CommitTimings timings = new CommitTimings();

    public TransactionManagerImpl(TransactionManagerConfig config, Storage storage, Catalog catalog) {
        this.config = config;
        this.storage = storage;
        this.catalog = catalog;
        this.conflicts = new ConflictLog(config.conflictKeysMax());
        this.counters = new SequenceCounters(storage);
        this.snapshots = new Snapshots(this::appliedSequence);
        this.versions = new VersionStore(snapshots, new VersionSpill(besideRaft("versions")), config.historyWindow(),
                config.historyBytesMax());
        this.applier = new LogApplier(this);
        this.raft = new RaftNode(config.raft(), storage, catalog, applier);
        this.sequencer = new Sequencer(this, raft, config);
    }

    /** Creates and starts a manager: Raft recovers from the data directory (snapshot, then log). */
    public static TransactionManagerImpl start(TransactionManagerConfig config, Storage storage, Catalog catalog)
            throws IOException {
        TransactionManagerImpl manager = new TransactionManagerImpl(config, storage, catalog);
        manager.start();
        return manager;
    }

    public void start() throws IOException {
        sequencer.start();
        raft.start();
    }

    /** Waits until this node may accept writes; false when {@code timeout} passed first. */
    public boolean awaitLeadership(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isLeader()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * A directory of this node's own beside Ratis' (not in it: Ratis takes every directory there
     * for a Raft group), e.g. {@code raft-staged} for {@code raft}.
     */
    Path besideRaft(String suffix) {
        Path raftDir = config.raft().dataDir();
        return raftDir.resolveSibling(raftDir.getFileName() + "-" + suffix);
    }

    TransactionManagerConfig config() {
        return config;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Transaction begin(Isolation isolation, boolean readOnly) {
        return new SessionTransaction(this, isolation, readOnly);
    }

    @Override
    public void applyDdl(DdlOperation operation) {
        if (!isLeader()) throw notLeaderError("a write");
        await(sequencer.ddl(operation, DdlApplier.affectedTableId(operation), DdlOperation.rowLayoutChanged(operation, catalog())));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R runProcedure(Function<Transaction, R> body) {
        if (sequencer.holdsSequencerLock()) {
            throw new IllegalStateException("runProcedure called from inside a procedure");
        }
        if (!isLeader()) throw notLeaderError("a write");
        return (R) await(sequencer.procedure(body));
    }

    @Override
    public boolean isLeader() {
        return sequencer.leading() && raft.isLeaderReady();
    }

    /** True once the commit path took over as leader (half of {@link #isLeader()}; Raft's readiness is the other). */
    public boolean sequencerLeading() {
        return sequencer.leading();
    }

    @Override
    public String leaderAddress() {
        return raft.leaderSqlAddress();
    }

    @Override
    public CommitWatch commitWatch() {
        return commitWatch;
    }

    @Override
    public void setNotificationSink(NotificationSink sink) {
        this.notificationSink = sink;
    }

    /** The Raft member under this manager, for membership changes (which are not transactions) and metrics. */
    public RaftNode raftNode() {
        return raft;
    }

    /** Raft role, term, indexes and peers, for sys.nodes. */
    public RaftStatus raftStatus() {
        return raft.status();
    }

    /** Forces a snapshot now; returns its log index. */
    public long takeSnapshot() throws IOException {
        return raft.takeSnapshot();
    }

    /** Raft entries this node submitted (each carries one or more commits). */
    public long entriesSubmitted() {
        return sequencer.entriesSubmitted.get();
    }

    /** Transactions, procedures and DDL this node sequenced. */
    public long itemsSequenced() {
        return sequencer.itemsSequenced.get();
    }

    /** Raft entries applied on this node (its own and other leaders'). */
    public CommitTimings timings() {
        return timings;
    }

    public long entriesApplied() {
        return applier.entriesApplied.get();
    }

    /** Staged-chunk entries of large transactions applied (kept aside) on this node. */
    public long stageChunksApplied() {
        return applier.stageChunksApplied.get();
    }

    /** Large transactions whose staged chunks were installed by their commit on this node. */
    public long stagedCommitsApplied() {
        return applier.stagedCommitsApplied.get();
    }

    /** Bytes of row versions kept for snapshots and the history window (an estimate: rows, keys and bookkeeping). */
    public long versionBytes() {
        return versions.bytes();
    }

    /** The part of {@link #versionBytes()} in files beside the Raft log rather than on the heap (large rows). */
    public long spilledVersionBytes() {
        return versions.spilledBytes();
    }

    /** Row versions, deleted keys and removed index entries kept for snapshots and the history window. */
    public long versionCount() {
        return versions.versionCount();
    }

    /** Snapshots open on this node. */
    public int openSnapshots() {
        return snapshots.openCount();
    }

    /** The commit sequence of the last applied item on this node. */
    public long appliedSequence() {
        return applier.appliedSequence();
    }

    /**
     * Makes a read-only transaction's reads on the leader linearizable: a Raft read barrier
     * after the reads proves this node still led when they ended (so no other leader can have
     * committed anything they missed). Followers skip it: their reads may lag, visibly so in
     * sys.nodes. When leadership was lost meanwhile the reads stand as a follower's would: they
     * came from one snapshot, consistent, only perhaps not the newest (the transaction does not
     * fail: read-only transactions never do).
     */
    void confirmLeaderReads() {
        if (!sequencer.leading()) return;
        try {
            raft.readBarrier().get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // lost leadership: a follower's consistent read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbException(SqlState.QUERY_CANCELED, "canceled while confirming leadership");
        }
    }


    /** Waits for a commit path result, translating failures to the DbException they carry. */
    Object await(CompletableFuture<Object> future) {
        return await(future, config.commitTimeout());
    }

    /**
     * As {@link #await(CompletableFuture)}, waiting at most {@code timeout}, and a further
     * {@code timeout} each time a staged commit installed chunks in the last one or is being
     * applied at its end: a commit queued
     * behind a big one waits for all of its install (entries apply in order), and 08007 (outcome
     * unknown) for a commit that is only slow, not lost, would tell the client less than it can know.
     */
    Object await(CompletableFuture<Object> future, Duration timeout) {
        long installed = applier.stagedChunksInstalled.get();
        while (true) {
            try {
                return awaitOnce(future, timeout);
            } catch (TimeoutException e) {
                long now = applier.stagedChunksInstalled.get();
                if (now == installed && !applier.installingStage) {
                    throw new DbException(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
                            "commit not applied within " + timeout.toMillis() + " ms; it may still happen");
                }
                installed = now;
            }
        }
    }

    private static Object awaitOnce(CompletableFuture<Object> future, Duration timeout) throws TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new DbException(SqlState.INTERNAL_ERROR, String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbException(SqlState.QUERY_CANCELED, "canceled while waiting for commit; it may still happen");
        }
    }

    @Override
    public void close() {
        try {
            raft.close();
        } finally {
            sequencer.stop();
            versions.close();
        }
    }
}
