package io.tableos.db.sql.engine;

import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.Isolation;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's transaction: none, implicit, or an explicit block (possibly failed), with its
 * savepoints.
 *
 * <p>Implicit transactions follow PostgreSQL: statements outside a block run in one implicit
 * transaction that ends at the end of the simple-query string or at Sync (the wire layer calls
 * {@link #endImplicit}); BEGIN inside it turns it into a block, so the statements before BEGIN
 * commit with the block. A failed block accepts only ROLLBACK, COMMIT (which rolls back) and
 * ROLLBACK TO SAVEPOINT.
 *
 * <p>DDL commits on its own when it runs; what the open transaction did of it is kept as
 * {@link DdlUndo}s and undone, newest first, when the transaction (or a savepoint) rolls back.
 */
final class TransactionState {
    static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";

    enum Mode { NONE, IMPLICIT, BLOCK }

    private record SavepointMark(String name, int id, int ddlUndoCount) {}

    /** A table DROP TABLE renamed out of the way, dropped for good at commit; {@code ddlUndoCount} places it among the undos. */
    private record DeferredDrop(long tableId, int ddlUndoCount) {}

    private static final Logger LOG = LoggerFactory.getLogger(TransactionState.class);

    private final TransactionManager manager;
    private final Object ddlLock;
    private final RetypesInBlocks retypes;
    /** Runs once each transaction has ended, after its commit completed or failed or its rollback. */
    private final Runnable ended;
    /** Undos of the DDL applied in this transaction, oldest first. */
    private final List<DdlUndo> ddlUndos = new ArrayList<>();
    private final List<DeferredDrop> dropsAtCommit = new ArrayList<>();
    private Transaction transaction;
    private Mode mode = Mode.NONE;
    private boolean failed;
    private OffsetDateTime startedAt;
    private String isolation;
    private boolean readOnly;
    private final List<SavepointMark> savepoints = new ArrayList<>();

    /**
     * {@code ddlLock}: the engine's lock that every DDL statement of this node holds while it runs;
     * {@code ended}: what must outlive a transaction exactly (its advisory locks), released only
     * once its commit is complete, so the next holder sees what it committed; {@code retypes}: the
     * node's tables retyped by open blocks, which this transaction may not write unless it is that block.
     */
    TransactionState(TransactionManager manager, Object ddlLock, RetypesInBlocks retypes, Runnable ended) {
        this.manager = manager;
        this.ddlLock = ddlLock;
        this.retypes = retypes;
        this.ended = ended;
    }

    Mode mode() { return mode; }

    boolean inBlock() { return mode == Mode.BLOCK; }

    boolean failed() { return failed; }

    boolean readOnly() { return readOnly; }

    String isolation() { return isolation; }

    OffsetDateTime startedAt() { return startedAt; }

    char status() {
        if (mode != Mode.BLOCK) return 'I';
        return failed ? 'E' : 'T';
    }

    /** The open transaction, starting an implicit one when there is none. */
    Transaction current(String defaultIsolation, boolean defaultReadOnly) {
        if (mode == Mode.NONE) start(Mode.IMPLICIT, defaultIsolation, defaultReadOnly);
        return transaction;
    }

    /** The open transaction or null (no implicit start). */
    Transaction openTransaction() {
        return transaction;
    }

    /** BEGIN. Returns a warning text when a block was already open (PostgreSQL continues it). */
    String begin(String isolation, boolean readOnly) {
        if (mode == Mode.BLOCK) return "there is already a transaction in progress";
        if (mode == Mode.IMPLICIT) {
            mode = Mode.BLOCK; // earlier statements of the implicit transaction join the block
            transaction.setIsolation(Isolation.parse(isolation));
            this.isolation = isolation;
            if (readOnly && !this.readOnly) {
                // The implicit transaction may already hold writes; start read-only enforcement only if it is fresh.
                transaction.rollback();
                transaction = manager.begin(Isolation.parse(isolation), true);
                this.readOnly = true;
            }
            return null;
        }
        start(Mode.BLOCK, isolation, readOnly);
        return null;
    }

    /** SET TRANSACTION inside the block (before its first query, as PostgreSQL requires loosely). */
    void setCharacteristics(String newIsolation, Boolean newReadOnly) {
        if (newIsolation != null) {
            if (transaction != null) transaction.setIsolation(Isolation.parse(newIsolation));
            isolation = newIsolation;
        }
        if (newReadOnly != null && newReadOnly != readOnly && transaction != null) {
            transaction.rollback();
            transaction = manager.begin(Isolation.parse(isolation), newReadOnly);
            readOnly = newReadOnly;
        }
    }

    private void start(Mode newMode, String isolation, boolean readOnly) {
        transaction = manager.begin(Isolation.parse(isolation), readOnly);
        mode = newMode;
        failed = false;
        this.isolation = isolation;
        this.readOnly = readOnly;
        startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        savepoints.clear();
    }

    /** COMMIT / END: returns the tag, "ROLLBACK" when the block had failed. A failed commit leaves no transaction. */
    String commit() {
        if (mode == Mode.NONE) return "COMMIT";
        if (failed) {
            rollback();
            return "ROLLBACK";
        }
        Transaction t = transaction;
        try {
            retypes.requireNoneHeldByOthers(t, this, manager);
        } catch (DbException e) {
            rollback();
            throw e;
        }
        List<DdlUndo> undos = List.copyOf(ddlUndos);
        List<DeferredDrop> drops = List.copyOf(dropsAtCommit);
        clear();
        try {
            try {
                t.commit();
            } catch (DbException e) {
                // The transaction did not commit, so neither does its DDL (unless the outcome is unknown).
                if (!SqlState.TRANSACTION_RESOLUTION_UNKNOWN.equals(e.sqlState())) undo(undos, 0);
                throw e;
            } finally {
                ended.run();
            }
            dropNow(drops);
        } finally {
            retypes.releaseAll(this);
        }
        return "COMMIT";
    }

    void rollback() {
        Transaction t = transaction;
        List<DdlUndo> undos = List.copyOf(ddlUndos);
        clear();
        try {
            if (t != null) t.rollback();
            undo(undos, 0);
        } finally {
            retypes.releaseAll(this);
            ended.run();
        }
    }

    /**
     * Records DDL just applied in this transaction. Returns false when it cannot be undone
     * while a transaction is open (the caller tells the client).
     */
    boolean ddlApplied(DdlUndo undo) {
        if (mode == Mode.NONE) return true;
        if (undo == null) return false;
        ddlUndos.add(undo);
        return true;
    }

    /**
     * Before a retype in a block is applied: until the block ends no other session commits a
     * write to the table ({@link RetypesInBlocks}), since its ROLLBACK restores the kept rows whole.
     */
    void holdForRetype(long tableId) {
        retypes.hold(tableId, this);
    }

    /** 55006 when {@code operation} changes a table another block has retyped (see {@link RetypesInBlocks}). */
    void requireNotRetypedByOthers(DdlOperation operation) {
        retypes.requireNotHeldByOthers(operation, this, manager);
    }

    /** DROP TABLE in a block: the table (already renamed out of the way) is dropped when the block commits; also a retype's kept rows. */
    void dropAtCommit(long tableId) {
        dropsAtCommit.add(new DeferredDrop(tableId, ddlUndos.size()));
    }

    private void dropNow(List<DeferredDrop> drops) {
        if (drops.isEmpty()) return;
        synchronized (ddlLock) {
            for (DeferredDrop d : drops) {
                try {
                    if (manager.catalog().table(d.tableId()) != null) manager.applyDdl(new DdlOperation.DropTable(d.tableId()));
                } catch (RuntimeException e) {
                    // Leadership lost: the renamed table stays (invisible under its old name) until dropped by hand.
                    LOG.warn("event=deferred_drop_failed table_id={} error={}", d.tableId(), e.toString());
                }
            }
        }
    }

    /** Applies the undos from the newest down to index {@code downTo}. */
    private void undo(List<DdlUndo> undos, int downTo) {
        if (downTo >= undos.size()) return;
        synchronized (ddlLock) {
            for (int i = undos.size() - 1; i >= downTo; i--) {
                DdlUndo u = undos.get(i);
                try {
                    if (u.applies(manager.catalog())) manager.applyDdl(u.inverse());
                } catch (RuntimeException e) {
                    // Leadership lost, or the node is stopping: the change stays, as if committed.
                    LOG.warn("event=ddl_undo_failed change={} error={}", u.done().getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    /** The end of a simple-query string or Sync. */
    void endImplicit(boolean succeeded) {
        if (mode == Mode.IMPLICIT) {
            if (succeeded) commit();
            else rollback();
        } else if (mode == Mode.BLOCK && !succeeded) {
            failed = true;
        }
    }

    /** A statement failed: a block enters the failed state; an implicit transaction is rolled back at its end. */
    void statementFailed() {
        if (mode == Mode.BLOCK) failed = true;
    }

    /**
     * Hands what the transaction holds so far to the commit path and continues in a new one of
     * the same kind without waiting for it to be durable (bulk COPY only; see {@link CopyInImpl},
     * which awaits the returned commit before it reports anything).
     */
    Transaction.PendingCommit commitAndContinue() {
        retypes.requireNoneHeldByOthers(transaction, this, manager);
        Transaction.PendingCommit pending = transaction.commitPipelined();
        transaction = manager.begin(Isolation.parse(isolation), readOnly);
        savepoints.clear();
        return pending;
    }

    void savepoint(String name) {
        requireBlock("SAVEPOINT");
        savepoints.add(new SavepointMark(name, transaction.savepoint(), ddlUndos.size()));
    }

    void rollbackToSavepoint(String name) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        int at = find(name);
        SavepointMark mark = savepoints.get(at);
        transaction.rollbackToSavepoint(mark.id());
        while (savepoints.size() > at + 1) savepoints.remove(savepoints.size() - 1);
        undo(ddlUndos, mark.ddlUndoCount());
        while (ddlUndos.size() > mark.ddlUndoCount()) ddlUndos.remove(ddlUndos.size() - 1);
        dropsAtCommit.removeIf(d -> d.ddlUndoCount() > mark.ddlUndoCount());
        failed = false;
    }

    void releaseSavepoint(String name) {
        requireBlock("RELEASE SAVEPOINT");
        int at = find(name);
        transaction.releaseSavepoint(savepoints.get(at).id());
        while (savepoints.size() > at) savepoints.remove(savepoints.size() - 1);
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) return i;
        }
        throw new DbException(INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
    }

    private void requireBlock(String what) {
        if (mode != Mode.BLOCK) {
            throw new DbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
        }
    }

    private void clear() {
        transaction = null;
        mode = Mode.NONE;
        failed = false;
        savepoints.clear();
        ddlUndos.clear();
        dropsAtCommit.clear();
        startedAt = null;
    }
}
