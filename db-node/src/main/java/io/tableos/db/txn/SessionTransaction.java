package io.tableos.db.txn;

import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client session's transaction. Reads see a snapshot of applied state (taken at the first
 * read of each statement under READ COMMITTED, of the transaction above it) plus its own
 * writes; writes lock rows on the leader; COMMIT sequences on the {@link Sequencer}, where
 * SERIALIZABLE transactions validate what they read. Read-only transactions commit here,
 * without the log, and never fail: a snapshot is a prefix of the commit order.
 */
final class SessionTransaction extends AbstractTransaction {
    private static final AtomicLong IDS = new AtomicLong();
    private static final long NO_SNAPSHOT = -1;

    private final boolean readOnly;
    private Isolation isolation;
    final ReadSet reads;
    final LockTable.Owner owner;
    /** The sequencer's epoch when the first lock was taken (0: none); the commit fails if it changed. */
    long lockEpoch;
    /** Highest sequence published when a lock was taken: a commit waits until it is applied. */
    long lockSequenceMax;
    /** Set at COMMIT when the write set was shipped ahead in staged chunks (read by the sequencer). */
    volatile StagedShipment staged;
    private Snapshots.Handle snapshotHandle;
    private long snapshot = NO_SNAPSHOT;
    private boolean readAnything;
    /** Ends a lock wait on cancel or statement_timeout; set per statement by the session. */
    private Runnable interrupts = () -> {};
    /** SERIALIZABLE: the first write of each statement first checks the reads so far (see {@link #checkWritable}). */
    private boolean validateBeforeWrite = true;
    /**
     * Rows this transaction locked whose latest version was still only in the pending layer
     * when read, by table: later reads see them (the lock keeps them latest). Null until needed.
     */
    private Map<Long, LockedRows> lockedRows;
    /**
     * Below SERIALIZABLE (which validates its reads instead): each row this transaction locked,
     * with the sequence published when it took the lock. Session transactions write a row only
     * under its lock, but a procedure on the commit path takes none, so a procedure that wrote a
     * locked row after that sequence makes this commit fail with 40001 rather than overwrite
     * what the procedure wrote (a lost update). Null until a lock is taken.
     */
    private Map<TableKey, Long> lockedSince;

    /** A {@link RowLayer} of locked rows read from the pending layer. */
    private static final class LockedRows implements RowLayer {
        final TreeMap<byte[], byte[]> rows = new TreeMap<>(KeyOrder.COMPARATOR);

        @Override
        public boolean truncated() {
            return false;
        }

        @Override
        public NavigableMap<byte[], byte[]> rows() {
            return rows;
        }
    }

    SessionTransaction(TransactionManagerImpl manager, Isolation isolation, boolean readOnly) {
        super(manager);
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.reads = new ReadSet(manager.config().readSetPreciseMax());
        this.owner = new LockTable.Owner("txn-" + IDS.incrementAndGet());
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public void setIsolation(Isolation level) {
        if (level == isolation) return;
        if (snapshot != NO_SNAPSHOT || !buffer.isEmpty() || lockEpoch != 0) {
            throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION,
                    "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        isolation = level;
    }

    @Override
    public void setInterruptCheck(Runnable check) {
        interrupts = check;
    }

    @Override
    public boolean waitingForLock() {
        return owner.waiting;
    }

    @Override
    public long startStatement() {
        validateBeforeWrite = true;
        if (!isolation.snapshotPerTransaction() && snapshot != NO_SNAPSHOT) {
            // The handle keeps the transaction's first snapshot registered, so every later one
            // (newer) is protected too, including those of portals still being fetched.
            snapshot = manager.applier.appliedSequence();
        }
        return snapshot();
    }

    @Override
    public void resumeStatement(long statementSnapshot) {
        if (!isolation.snapshotPerTransaction() && statementSnapshot != NO_SNAPSHOT) snapshot = statementSnapshot;
    }

    /** This statement's (or transaction's) snapshot, taken on first use. */
    long snapshot() {
        if (snapshot == NO_SNAPSHOT) {
            if (snapshotHandle == null) snapshotHandle = manager.snapshots.register();
            snapshot = manager.snapshots.take(snapshotHandle);
        }
        return snapshot;
    }

    @Override
    TableStore readView(TableStore table) {
        readAnything = true;
        long at = snapshot();
        if (at < manager.versions.resetSequence()) {
            throw new DbException(SqlState.SERIALIZATION_FAILURE,
                    "could not serialize access: this node's state was reloaded after the transaction's snapshot");
        }
        return new SnapshotTable(table, manager.versions.versionsOf(table.def().id()), at);
    }

    @Override
    List<RowLayer> readLayersBelowOwn(long tableId) {
        LockedRows locked = lockedRows == null ? null : lockedRows.get(tableId);
        return locked == null ? List.of() : List.of(locked);
    }

    /** Only SERIALIZABLE transactions validate reads; a declared read-only one never needs to. */
    private boolean recordsReads() {
        return isolation == Isolation.SERIALIZABLE && !readOnly;
    }

    @Override
    void recordKeyRead(long tableId, byte[] primaryKey) {
        if (recordsReads()) reads.addKey(tableId, primaryKey, snapshot());
    }

    @Override
    void recordRangeRead(long tableId, KeyRange range) {
        if (recordsReads()) reads.addRange(tableId, range, snapshot());
    }

    @Override
    void recordTableRead(long tableId) {
        if (recordsReads()) reads.addTable(tableId, snapshot());
    }

    @Override
    void recordWrittenLayout(long tableId) {
        if (!reads.layouts.containsKey(tableId)) reads.layouts.put(tableId, manager.applier.appliedSequence());
    }

    @Override
    boolean lock(TableKey key, LockWait wait) {
        boolean acquired = manager.locks.acquire(owner, key, wait == LockWait.SKIP_LOCKED,
                wait == LockWait.NOWAIT ? 0 : manager.config().lockTimeout().toNanos(), interrupts);
        if (!acquired) return false;
        // The previous holder released at sequencing: its writes are published (pending layer,
        // or storage once applied), so reading after this sees them. Epoch first, then the
        // sequence, then the row: a failure in between changes the epoch (the commit then fails).
        if (lockEpoch == 0) lockEpoch = manager.sequencer.epoch();
        long seen = Math.max(manager.sequencer.published(), manager.applier.appliedSequence());
        lockSequenceMax = Math.max(lockSequenceMax, seen);
        if (!recordsReads()) {
            if (lockedSince == null) lockedSince = new HashMap<>();
            lockedSince.putIfAbsent(key, seen);
        }
        return true;
    }

    @Override
    void rowLocked(TableKey key) {
        if (!isolation.snapshotPerTransaction()) return;  // READ COMMITTED works on the newest version
        String change = manager.conflicts.writtenAfter(key, snapshot());
        if (change != null) {
            throw new DbException(SqlState.SERIALIZATION_FAILURE,
                    "could not serialize access due to concurrent update", change, null, 0, null);
        }
    }

    @Override
    byte[] readLockedRow(TableStore table, byte[] primaryKey) {
        long tableId = table.def().id();
        PendingWrites.PendingTable pending = manager.pending.table(tableId);
        if (pending != null) {
            byte[] latest = pending.rows.get(primaryKey);
            if (latest == null && pending.truncated()) latest = WriteBuffer.DELETED;
            if (latest != null) {
                if (lockedRows == null) lockedRows = new HashMap<>();
                lockedRows.computeIfAbsent(tableId, id -> new LockedRows()).rows.put(primaryKey, latest);
            }
        }
        return LayeredRows.get(table, primaryKey, readLayers(tableId));
    }

    @Override
    void checkWritable(String what) {
        if (!manager.isLeader()) throw manager.notLeaderError(what);
        if (readOnly) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION,
                    "cannot execute " + what + " in a read-only transaction");
        }
        if (validateBeforeWrite && recordsReads()) {
            // A SERIALIZABLE transaction whose reads are already stale cannot commit: fail at the
            // write, as PostgreSQL does once it sees the dangerous structure, not at COMMIT.
            validateBeforeWrite = false;
            String conflict = manager.conflicts.findConflict(reads);
            if (conflict != null) {
                throw new DbException(SqlState.SERIALIZATION_FAILURE,
                        "could not serialize access due to read/write dependencies among transactions", conflict, null, 0, null);
            }
        }
    }

    @Override
    public void commit() {
        ensureOpen();
        finished = true;
        try {
            // Nothing written: the snapshot was consistent, so there is nothing to validate
            // (unless a row it locked may not be applied yet: the sequencer makes it wait for that).
            if (buffer.isEmpty() && lockSequenceMax <= manager.applier.appliedSequence()) {
                if (readAnything) manager.confirmLeaderReads();
                return;
            }
            if (!manager.isLeader()) throw manager.notLeaderError("a commit");
            if (buffer.bytes() >= manager.config().stageBytesMin()) {
                LogItem.TxnWrites writes = buffer.toLogItem();
                // The count may stay high after ROLLBACK TO SAVEPOINT emptied the tables: no rows, no stage.
                if (!writes.tables().isEmpty()) {
                    commitStaged(writes);
                    return;
                }
            }
            long start = System.nanoTime();
            CompletableFuture<Object> applied = manager.sequencer.commit(this);
            long sequenced = System.nanoTime();
            try {
                manager.await(applied);
            } finally {
                manager.timings.commit(sequenced - start, System.nanoTime() - sequenced);
            }
        } finally {
            end();
        }
    }

    /** A large write set goes ahead in staged chunks; the commit then carries only a reference. */
    private void commitStaged(LogItem.TxnWrites writes) {
        staged = StagedShipment.ship(manager, writes);
        try {
            // Its apply writes every row on the apply thread: a commit timeout per chunk, not one for all.
            manager.await(manager.sequencer.commit(this), manager.config().commitTimeout().multipliedBy(1L + staged.chunkCount()));
        } catch (DbException e) {
            // Not sequenced, so its stage can go now; when the outcome is unknown the commit may
            // still come, and the stage then ends with it or with the term.
            String state = e.sqlState();
            if (!SqlState.TRANSACTION_RESOLUTION_UNKNOWN.equals(state) && !SqlState.QUERY_CANCELED.equals(state)) {
                StagedShipment.discard(manager, staged.stageId());
            }
            throw e;
        }
    }

    @Override
    public PendingCommit commitPipelined() {
        if (buffer.isEmpty() || !manager.isLeader() || buffer.bytes() >= manager.config().stageBytesMin()) {
            commit(); // nothing to replicate, the error commit() gives, or a staged commit
            return () -> {};
        }
        ensureOpen();
        finished = true;
        CompletableFuture<Object> durable;
        try {
            durable = manager.sequencer.commit(this);
        } catch (RuntimeException e) {
            end();
            throw e;
        }
        // As commit()'s finally, once the sequencer is done with the write set.
        durable.whenComplete((result, error) -> end());
        return () -> manager.await(durable);
    }

    @Override
    public void rollback() {
        finished = true;
        end();
    }

    /**
     * Why a row this transaction locked was written by a lock-free procedure since, or null (see
     * {@link #lockedSince}). Rows locked at or after {@code lastProcedureWrite} (the sequence of
     * the newest procedure commit that wrote anything) cannot have been, and are not looked up:
     * most commits, where no procedure ran, pay no conflict-log lookup.
     */
    String lockedRowConflict(long lastProcedureWrite) {
        if (lockedSince == null) return null;
        for (Map.Entry<TableKey, Long> e : lockedSince.entrySet()) {
            if (e.getValue() >= lastProcedureWrite) continue;
            String change = manager.conflicts.keyWrittenAfter(e.getKey(), e.getValue());
            if (change != null) return change;
        }
        return null;
    }

    /** Releases locks, the snapshot and the buffers (possibly on the apply thread, after a pipelined commit). */
    private void end() {
        manager.locks.releaseAll(owner);
        if (snapshotHandle != null) manager.snapshots.release(snapshotHandle);
        snapshotHandle = null;
        snapshot = NO_SNAPSHOT;
        buffer.clear();
        staged = null;
        reads.clear();
        lockedRows = null;
        lockedSince = null;
    }
}
