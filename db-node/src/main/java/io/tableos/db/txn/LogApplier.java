package io.tableos.db.txn;

import io.tableos.db.replication.ReplicatedLog;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogEntry;
import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.txn.log.LogItem.NotifyMessage;
import io.tableos.db.txn.log.LogItem.SequenceWrite;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies committed log entries to storage and catalog, in log order, on Ratis' apply
 * thread, and completes the local waiters of entries this node sequenced.
 *
 * <p>Every item (transaction or DDL) advances the node-local commit sequence by one; reads
 * record it as their observed sequence. On the leader the sequencer numbered the items
 * identically (it starts from the applied sequence when it takes over), which the entry's
 * {@code firstSequence} confirms; writes of other origins are recorded in the conflict log
 * here. Before a row changes, its current version goes to the {@link VersionStore}, so
 * snapshots older than the change still read it.
 *
 * <p>Large transactions arrive in parts ({@link StagedWrites}): chunk entries are kept aside,
 * consuming no commit sequence, and their {@link LogItem.StagedCommit} applies them all at its
 * own sequence, so a snapshot older than it sees none of them and one as new sees all.
 */
final class LogApplier implements ReplicatedLog {
    private static final Logger LOG = LoggerFactory.getLogger(LogApplier.class);

    private final TransactionManagerImpl manager;
    private final DdlApplier ddl;
    final StagedWrites stages;
    private volatile long appliedSequence;
    private boolean driftReported;
    final AtomicLong entriesApplied = new AtomicLong();
    final AtomicLong stageChunksApplied = new AtomicLong();
    final AtomicLong stagedCommitsApplied = new AtomicLong();
    /**
     * Chunks installed by staged commits, and whether an entry holding one is being applied: while
     * either shows, the apply thread is busy with a big commit (its rows, then pruning their
     * versions), not stuck, and commits queued behind it keep waiting ({@link TransactionManagerImpl#await}).
     */
    final AtomicLong stagedChunksInstalled = new AtomicLong();
    volatile boolean installingStage;

    LogApplier(TransactionManagerImpl manager) {
        this.manager = manager;
        this.ddl = new DdlApplier(manager.storage(), manager.catalog(), manager.counters);
        this.stages = new StagedWrites(manager.besideRaft("staged"));
    }

    /** The commit sequence of the last item whose effects are in storage. */
    long appliedSequence() {
        return appliedSequence;
    }

    @Override
    public void apply(long term, long index, ByteBuffer data) {
        long started = System.nanoTime();
        LogEntry entry = LogEntryCodec.decode(data);
        stages.endTermsBefore(term);
        if (stage(term, entry, data)) {
            entriesApplied.incrementAndGet();
            return;
        }
        Sequencer sequencer = manager.sequencer;
        boolean mine = entry.originNonce() == sequencer.nonce();
        Sequencer.Batch batch = mine ? sequencer.submitted.remove(entry.batchId()) : null;
        if (batch != null && batch.completions.size() != entry.items().size()) {
            throw new IllegalStateException("entry " + index + " does not match its batch");
        }
        long sequence = appliedSequence;
        long now = System.currentTimeMillis();
        boolean numberedAlike = mine && entry.firstSequence() == sequence + 1;
        if (mine && !numberedAlike) reportDrift(entry, sequence);
        LogItem.TxnWrites stagedTables = null; // the tables a staged commit wrote, for the commit watch
        for (int i = 0; i < entry.items().size(); i++) {
            sequence++;
            LogItem item = entry.items().get(i);
            DbException failure = null;
            if (item instanceof LogItem.TxnWrites writes) {
                applyWrites(writes, sequence, now);
                if (!numberedAlike) manager.conflicts.recordWrites(writes, sequence);
            } else if (item instanceof LogItem.StagedCommit staged) {
                installingStage = true;
                stagedTables = applyStaged(entry.originNonce(), staged, sequence, now, !numberedAlike);
                if (stagedTables == null) failure = new DbException(SqlState.SERIALIZATION_FAILURE,
                        "could not serialize access: the transaction's staged writes were discarded; retry the transaction");
            } else {
                LogItem.Ddl change = (LogItem.Ddl) item;
                // As for writes: what this node's sequencer numbered it recorded already (Sequencer.handleDdl).
                long rewrittenTableId = DdlOperation.rowLayoutChanged(change.operation(), manager.catalog());
                long layoutTableId = numberedAlike ? 0 : rewrittenTableId;
                try {
                    ddl.apply(change.operation());
                    // Old versions are in the old layout: older snapshots see the table empty, as in PostgreSQL.
                    if (rewrittenTableId != 0) manager.versions.tableReplaced(rewrittenTableId, sequence);
                } catch (DbException e) {
                    failure = e; // deterministic on every replica: the DDL has no effect
                }
                long tableId = DdlApplier.affectedTableId(change.operation());
                if (!numberedAlike && tableId != 0) manager.conflicts.recordTableWrite(tableId, sequence);
                if (layoutTableId != 0) manager.conflicts.recordLayoutChange(layoutTableId, sequence);
            }
            appliedSequence = sequence;
            // Before the last waiter hears of its commit: what it sees afterwards is pruned already.
            if (i == entry.items().size() - 1) manager.versions.prune(now);
            if (item instanceof LogItem.TxnWrites writes) {
                deliver(writes);
                manager.commitWatch.applied(writes);
            } else if (item instanceof LogItem.StagedCommit staged && stagedTables != null) {
                deliver(staged.tail());
                manager.commitWatch.applied(stagedTables);
            }
            if (batch != null) complete(batch.completions.get(i), failure);
        }
        installingStage = false;
        entriesApplied.incrementAndGet();
        if (batch != null) manager.timings.entry(started - batch.submittedNanos, System.nanoTime() - started);
    }

    /** Keeps a chunk entry aside or ends a stage; false for an entry of commits. */
    private boolean stage(long term, LogEntry entry, ByteBuffer data) {
        if (entry.items().size() != 1) return false;
        LogItem item = entry.items().get(0);
        if (item instanceof LogItem.StageChunk chunk) {
            stages.add(term, entry.originNonce(), chunk.stageId(), data);
            stageChunksApplied.incrementAndGet();
            return true;
        }
        if (item instanceof LogItem.StageDiscard discard) {
            stages.discard(entry.originNonce(), discard.stageId());
            return true;
        }
        return false;
    }

    /**
     * Installs a staged transaction at {@code sequence}: its chunks in order, then its tail;
     * returns the tables written (empty row lists). A missing stage (null returned) fails the
     * item alike on every replica (the stage's fate follows the log); the origin's sequencer
     * never sequences such a commit, so it means a bug, logged loudly.
     */
    private LogItem.TxnWrites applyStaged(long origin, LogItem.StagedCommit staged, long sequence, long now,
                                    boolean recordConflicts) {
        long started = System.nanoTime();
        long[] rows = new long[1];
        Map<Long, LogItem.TableWrites> written = new LinkedHashMap<>();
        boolean installed = stages.install(origin, staged.stageId(), staged.chunkCount(), chunk -> {
            LogItem.TxnWrites part = new LogItem.TxnWrites(chunk.tables(), List.of(), List.of());
            applyWrites(part, sequence, now);
            for (LogItem.TableWrites t : chunk.tables()) rows[0] += t.keys().size();
            if (recordConflicts) manager.conflicts.recordWrites(part, sequence);
            stagedChunksInstalled.incrementAndGet();
            for (LogItem.TableWrites t : chunk.tables()) {
                written.putIfAbsent(t.tableId(), new LogItem.TableWrites(t.tableId(), false, List.of(), List.of()));
            }
        });
        if (!installed) {
            LOG.error("staged commit of stage {} (origin {}) finds no stage of {} chunks: the item has no effect",
                    staged.stageId(), origin, staged.chunkCount());
            return null;
        }
        applyWrites(staged.tail(), sequence, now);
        stagedCommitsApplied.incrementAndGet();
        LOG.info("stage {}: {} rows from {} chunks installed in {} ms", staged.stageId(), rows[0], staged.chunkCount(),
                (System.nanoTime() - started) / 1_000_000);
        return new LogItem.TxnWrites(List.copyOf(written.values()), List.of(), List.of());
    }

    private void reportDrift(LogEntry entry, long sequence) {
        // Our own entry numbered differently from the apply order (it was sequenced in an
        // earlier leadership). Validation stays safe by treating every older read as stale.
        manager.conflicts.raiseGlobalHorizon(sequence + entry.items().size());
        if (!driftReported) {
            driftReported = true;
            LOG.warn("commit sequence drift: entry numbered from {} applied after {}", entry.firstSequence(), sequence);
        }
    }

    private void applyWrites(LogItem.TxnWrites writes, long sequence, long now) {
        VersionStore versions = manager.versions;
        for (TableWrites t : writes.tables()) {
            TableStore store = manager.storage().table(t.tableId());
            if (store == null) continue; // dropped after the transaction was sequenced
            if (t.truncate()) {
                versions.tableReplaced(t.tableId(), sequence);
                store.clear();
            }
            for (int i = 0; i < t.keys().size(); i++) {
                byte[] key = t.keys().get(i);
                byte[] row = t.rows().get(i);
                versions.beforeWrite(store, key, row, sequence, now);
                if (row == null) store.delete(key);
                else store.put(key, row);
            }
        }
        for (SequenceWrite s : writes.sequences()) ddl.applySequenceWrite(s);
    }

    private void deliver(LogItem.TxnWrites writes) {
        TransactionManager.NotificationSink sink = manager.notificationSink;
        if (sink == null || writes.notifications().isEmpty()) return;
        for (NotifyMessage n : writes.notifications()) {
            try {
                sink.deliver(n.senderProcessId(), n.channel(), n.payload());
            } catch (RuntimeException e) {
                LOG.warn("notification sink failed", e);
            }
        }
    }

    private void complete(Sequencer.Completion completion, DbException failure) {
        if (completion.owner() != null) manager.locks.releaseAll(completion.owner());
        if (failure != null) completion.future().completeExceptionally(failure);
        else completion.future().complete(completion.result());
    }

    @Override
    public void leaderReady(long term) {
        manager.sequencer.leaderReady(term);
    }

    @Override
    public void leaderChanged(String leaderId) {
        manager.sequencer.steppedDown();
    }

    @Override
    public boolean snapshotAllowed() {
        return !stages.pending();
    }

    @Override
    public void stateReloaded() {
        stages.clear();
        long sequence = appliedSequence + 1;
        manager.versions.reset(sequence);
        appliedSequence = sequence;
        manager.conflicts.raiseGlobalHorizon(sequence);
        manager.counters.clear();
    }
}
