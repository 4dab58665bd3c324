package io.tableos.db.txn;

import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.TableStore;
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
 * A client session's transaction: reads the applied state (plus its own writes) and
 * records what it read; writes lock rows on the leader; COMMIT validates and sequences on
 * the {@link Sequencer} (read-only transactions validate here, without the log).
 */
final class SessionTransaction extends AbstractTransaction {
    private static final AtomicLong IDS = new AtomicLong();

    private final boolean readOnly;
    final ReadSet reads;
    /** Locked primary keys → the sequence observed right after locking (writes up to it are seen). */
    final Map<TableKey, Long> lockSequences = new HashMap<>();
    final LockTable.Owner owner;
    /** The sequencer's epoch when the first lock was taken (0: none); the commit fails if it changed. */
    long lockEpoch;
    private long lockSequenceMax;
    /**
     * Rows this transaction locked whose latest version was still only in the pending layer
     * when read, by table: later reads see them (the lock keeps them latest). Null until needed.
     */
    private Map<Long, LockedRows> lockedRows;

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

    SessionTransaction(TransactionManagerImpl manager, boolean readOnly) {
        super(manager);
        this.readOnly = readOnly;
        this.reads = new ReadSet(manager.config().readSetPreciseMax());
        this.owner = new LockTable.Owner("txn-" + IDS.incrementAndGet());
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    List<RowLayer> readLayersBelowOwn(long tableId) {
        LockedRows locked = lockedRows == null ? null : lockedRows.get(tableId);
        return locked == null ? List.of() : List.of(locked);
    }

    @Override
    long observe() {
        return manager.applier.appliedSequence();
    }

    @Override
    void recordKeyRead(long tableId, byte[] primaryKey, long observed) {
        reads.addKey(tableId, primaryKey, observed);
    }

    @Override
    void recordRangeRead(long tableId, KeyRange range, long observed) {
        reads.addRange(tableId, range, observed);
    }

    @Override
    void recordWrittenLayout(long tableId) {
        if (!reads.layouts.containsKey(tableId)) reads.layouts.put(tableId, observe());
    }

    @Override
    void recordTableRead(long tableId, long observed) {
        reads.addTable(tableId, observed);
    }

    @Override
    boolean lock(TableKey key, LockWait wait) {
        boolean acquired = manager.locks.acquire(owner, key, wait == LockWait.SKIP_LOCKED,
                wait == LockWait.NOWAIT ? 0 : manager.config().lockTimeout().toNanos());
        if (!acquired) return false;
        // The previous holder released at sequencing: its writes are published (pending layer,
        // or storage once applied), so reading after this sees them. Epoch first, then the
        // sequence, then the row: a failure in between changes the epoch (the commit then fails).
        if (lockEpoch == 0) lockEpoch = manager.sequencer.epoch();
        if (!lockSequences.containsKey(key)) {
            long seen = Math.max(manager.sequencer.published(), manager.applier.appliedSequence());
            lockSequences.put(key, seen);
            lockSequenceMax = Math.max(lockSequenceMax, seen);
        }
        return true;
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
    }

    @Override
    public void commit() {
        ensureOpen();
        finished = true;
        try {
            // A read-only transaction validates here, unless a row it locked (and read) may not be
            // applied yet: then the sequencer makes it wait for that, and checks the epoch.
            if (buffer.isEmpty() && lockSequenceMax <= manager.applier.appliedSequence()) {
                if (!reads.isEmpty()) manager.confirmLeaderReads();
                // One row read and nothing written is serializable at that read's moment.
                if (reads.isSingleKey()) return;
                String conflict = manager.conflicts.findConflict(reads, lockSequences);
                if (conflict != null) {
                    throw new DbException(SqlState.SERIALIZATION_FAILURE,
                            "could not serialize access due to read/write dependencies among transactions",
                            conflict, null, 0, null);
                }
                return;
            }
            if (!manager.isLeader()) throw manager.notLeaderError("a commit");
            manager.await(manager.sequencer.commit(this));
        } finally {
            releaseAll();
        }
    }

    @Override
    public PendingCommit commitPipelined() {
        if (buffer.isEmpty() || !manager.isLeader()) {
            commit(); // nothing to replicate, or the error commit() gives
            return () -> {};
        }
        ensureOpen();
        finished = true;
        CompletableFuture<Object> durable;
        try {
            durable = manager.sequencer.commit(this);
        } catch (RuntimeException e) {
            releaseAll();
            throw e;
        }
        // As commit()'s finally, once the sequencer is done with the write set.
        durable.whenComplete((result, error) -> releaseAll());
        return () -> manager.await(durable);
    }

    private void releaseAll() {
        manager.locks.releaseAll(owner);
        buffer.clear();
        reads.clear();
        lockedRows = null;
    }

    @Override
    public void rollback() {
        finished = true;
        manager.locks.releaseAll(owner);
        buffer.clear();
        reads.clear();
        lockedRows = null;
    }
}
