package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The session's transaction state machine: idle / implicit / block / failed block, and savepoints. */
final class TransactionControl {
    private record Savepoint(String name, int id) {}

    private final HarnessSession session;
    private final TransactionManager manager;
    private Transaction transaction;
    private OffsetDateTime startedAt;
    private boolean block;
    private boolean failed;
    /** READ ONLY / READ WRITE requested for the next transaction (BEGIN, SET TRANSACTION), or null. */
    private Boolean requestedReadOnly;
    private final List<Savepoint> savepoints = new ArrayList<>();

    TransactionControl(HarnessSession session, TransactionManager manager) {
        this.session = session;
        this.manager = manager;
    }

    /** The current transaction, begun on first use. */
    Transaction transaction() {
        if (transaction == null) {
            boolean readOnly = requestedReadOnly != null ? requestedReadOnly : "on".equalsIgnoreCase(session.settings.get("default_transaction_read_only"));
            transaction = manager.begin(readOnly);
            startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return transaction;
    }

    OffsetDateTime startedAt() { return startedAt; }
    boolean isFailed() { return failed; }
    boolean inBlock() { return block; }

    char status() {
        return failed ? 'E' : block ? 'T' : 'I';
    }

    static boolean allowedWhenFailed(UtilityStatement u) {
        return u instanceof UtilityStatement.Rollback || u instanceof UtilityStatement.RollbackToSavepoint || u instanceof UtilityStatement.Commit;
    }

    void onError() {
        if (block) failed = true;
        else rollbackQuietly();
    }

    void endImplicit(boolean succeeded) {
        if (block) return;
        if (transaction == null) {
            reset();
            return;
        }
        Transaction t = transaction;
        reset();
        if (succeeded) t.commit();
        else t.rollback();
    }

    /** BEGIN; returns a notice when a block is already open. */
    String begin(Boolean readOnly) {
        if (block) return "there is already a transaction in progress";
        block = true;
        if (transaction == null) requestedReadOnly = readOnly;
        return null;
    }

    String commit() {
        Transaction t = transaction;
        boolean wasFailed = failed;
        reset();
        if (t == null) return wasFailed ? "ROLLBACK" : "COMMIT";
        if (wasFailed) {
            t.rollback();
            return "ROLLBACK";
        }
        t.commit();
        return "COMMIT";
    }

    String rollback() {
        rollbackQuietly();
        return "ROLLBACK";
    }

    void savepoint(String name) {
        requireBlock("SAVEPOINT");
        savepoints.add(new Savepoint(name, transaction().savepoint()));
    }

    void rollbackToSavepoint(String name) {
        requireBlock("ROLLBACK TO SAVEPOINT");
        int i = find(name);
        transaction.rollbackToSavepoint(savepoints.get(i).id());
        savepoints.subList(i + 1, savepoints.size()).clear();
        failed = false;
    }

    void releaseSavepoint(String name) {
        requireBlock("RELEASE SAVEPOINT");
        int i = find(name);
        transaction.releaseSavepoint(savepoints.get(i).id());
        savepoints.subList(i, savepoints.size()).clear();
    }

    /** SET TRANSACTION READ ONLY / READ WRITE: only before the transaction's first statement. */
    void setReadOnly(boolean readOnly) {
        if (transaction != null && transaction.readOnly() != readOnly) {
            if (!readOnly) throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, "transaction read-write mode must be set before any query");
            throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, "transaction read-only mode must be set before any query");
        }
        requestedReadOnly = readOnly;
    }

    Boolean currentReadOnly() {
        if (transaction != null) return transaction.readOnly();
        return requestedReadOnly;
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) if (savepoints.get(i).name().equals(name)) return i;
        throw new DbException("3B001", "savepoint \"" + name + "\" does not exist");
    }

    private void requireBlock(String what) {
        if (!block) throw new DbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
    }

    void abandon() {
        rollbackQuietly();
    }

    private void rollbackQuietly() {
        Transaction t = transaction;
        reset();
        if (t != null) {
            try {
                t.rollback();
            } catch (RuntimeException ignored) {
                // the transaction is being discarded; a failure to roll back leaves nothing to undo here
            }
        }
    }

    private void reset() {
        transaction = null;
        startedAt = null;
        block = false;
        failed = false;
        requestedReadOnly = null;
        savepoints.clear();
    }
}
