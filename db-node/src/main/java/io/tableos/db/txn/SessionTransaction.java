package io.tableos.db.txn;

import io.tableos.db.storage.KeyRange;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return List.of();
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
    void recordTableRead(long tableId, long observed) {
        reads.addTable(tableId, observed);
    }

    @Override
    boolean lock(TableKey key, LockWait wait) {
        boolean acquired = manager.locks.acquire(owner, key, wait == LockWait.SKIP_LOCKED,
                wait == LockWait.NOWAIT ? 0 : manager.config().lockTimeout().toNanos());
        // The previous holder's writes are applied before it released: reading now sees them.
        if (acquired) lockSequences.putIfAbsent(key, manager.applier.appliedSequence());
        return acquired;
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
            if (buffer.isEmpty()) {
                if (!reads.isEmpty()) manager.confirmLeaderReads();
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
            manager.locks.releaseAll(owner);
            buffer.clear();
            reads.clear();
        }
    }

    @Override
    public void rollback() {
        finished = true;
        manager.locks.releaseAll(owner);
        buffer.clear();
        reads.clear();
    }
}
