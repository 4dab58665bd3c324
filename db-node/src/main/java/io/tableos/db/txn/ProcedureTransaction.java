package io.tableos.db.txn;

import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * The transaction a built-in procedure runs in, on the sequencer thread: it reads the
 * latest state (storage plus everything sequenced but not yet applied), records no reads
 * and is never validated, since nothing can be sequenced between its reads and its
 * commit. It takes no locks; it only respects them for NOWAIT and SKIP_LOCKED (a WAIT on
 * a locked row proceeds: the lock holder then fails validation at its commit with 40001, at
 * every isolation level, because the procedure's write is sequenced after the holder took
 * the lock: see SessionTransaction#lockedSince).
 */
final class ProcedureTransaction extends AbstractTransaction {

    ProcedureTransaction(TransactionManagerImpl manager) {
        super(manager);
    }

    void close() {
        finished = true;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Isolation isolation() {
        return Isolation.SERIALIZABLE;  // it runs alone on the commit path
    }

    @Override
    public void setIsolation(Isolation level) {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "a procedure runs alone on the commit path: it has no isolation level to set");
    }

    @Override
    public long startStatement() {
        return 0;  // it reads the newest state
    }

    @Override
    public void resumeStatement(long statementSnapshot) {}

    @Override
    public void setInterruptCheck(Runnable check) {}  // procedures never wait

    @Override
    public boolean waitingForLock() {
        return false;  // procedures never wait
    }

    @Override
    TableStore readView(TableStore table) {
        return table;  // the newest state: nothing can commit between its reads and its commit
    }

    @Override
    void rowLocked(TableKey key) {}

    @Override
    List<RowLayer> readLayersBelowOwn(long tableId) {
        PendingWrites.PendingTable pending = manager.pending.table(tableId);
        return pending == null ? List.of() : List.of(pending.underSequencerLock());
    }

    @Override
    void recordKeyRead(long tableId, byte[] primaryKey) {}

    @Override
    void recordRangeRead(long tableId, KeyRange range) {}

    @Override
    void recordTableRead(long tableId) {}

    @Override
    void recordWrittenLayout(long tableId) {}  // procedures run under the sequencer lock: no DDL can come between

    @Override
    boolean lock(TableKey key, LockWait wait) {
        if (!manager.locks.isHeldByOther(key, null)) return true;
        return switch (wait) {
            case SKIP_LOCKED -> false;
            case NOWAIT -> throw new DbException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row");
            case WAIT -> true;
        };
    }

    @Override
    byte[] readLockedRow(TableStore table, byte[] primaryKey) {
        return LayeredRows.get(table, primaryKey, readLayers(table.def().id()));
    }

    @Override
    void checkWritable(String what) {}

    @Override
    public void commit() {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "a procedure commits when it returns");
    }

    @Override
    public void rollback() {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "a procedure rolls back by throwing");
    }
}
