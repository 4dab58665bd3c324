package io.tableos.db.sql.exec;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.sql.func.FunctionContext;
import io.tableos.db.storage.Storage;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;

/**
 * Everything one execution of a plan needs: the transaction, the bound parameters, the
 * session, timestamps, and the stack of outer rows that correlated subqueries read.
 * Created per execution; not thread-safe.
 */
public final class ExecContext implements FunctionContext, io.tableos.db.catalog.SystemTable.Context {
    private final TransactionManager transactionManager;
    private final Transaction transaction;
    private final Object[] params;
    private final SessionInfo session;
    private final OffsetDateTime transactionTimestamp;
    private final OffsetDateTime statementTimestamp;
    /** System.nanoTime() after which the statement fails with 57014, or Long.MAX_VALUE. */
    private final long deadlineNanos;
    private final ArrayList<Object[]> outerRows = new ArrayList<>();
    private int rowsSinceCheck;
    /** Results of uncorrelated subqueries, computed once per execution. */
    private final java.util.IdentityHashMap<Object, Object> onceCache = new java.util.IdentityHashMap<>();
    /** Set for EXPLAIN ANALYZE: counts the rows of every node opened through {@link #open}. */
    private PlanInstrumentation instrumentation;

    public ExecContext(TransactionManager transactionManager, Transaction transaction, Object[] params, SessionInfo session,
                       OffsetDateTime transactionTimestamp, long deadlineNanos) {
        this.transactionManager = transactionManager;
        this.transaction = transaction;
        this.params = params;
        this.session = session;
        this.transactionTimestamp = transactionTimestamp;
        this.statementTimestamp = OffsetDateTime.now(ZoneOffset.UTC);
        this.deadlineNanos = deadlineNanos;
    }

    /** A new context for the same session and transaction with other parameters (procedure SQL). */
    public ExecContext withParams(Transaction otherTransaction, Object[] otherParams) {
        return new ExecContext(transactionManager, otherTransaction, otherParams, session, transactionTimestamp, deadlineNanos);
    }

    public TransactionManager transactionManager() { return transactionManager; }
    public Transaction transaction() { return transaction; }
    @Override public Catalog catalog() { return transactionManager.catalog(); }
    public Storage storage() { return transactionManager.storage(); }
    public Object param(int index) { return params[index]; }
    @Override public java.util.List<io.tableos.db.catalog.BackendActivity> backends() { return session.backends(); }
    public SessionInfo session() { return session; }

    public java.util.IdentityHashMap<Object, Object> onceCache() { return onceCache; }

    /** Starts counting rows per node (EXPLAIN ANALYZE); returns the counts. */
    public PlanInstrumentation instrument() {
        if (instrumentation == null) instrumentation = new PlanInstrumentation();
        return instrumentation;
    }

    /** Opens a plan node; operators open their inputs through this so EXPLAIN ANALYZE can count rows. */
    public RowIterator open(PlanNode node, Object[] input) {
        RowIterator rows = node.open(this, input);
        return instrumentation == null ? rows : instrumentation.wrap(node, rows);
    }

    public void pushOuter(Object[] row) { outerRows.add(row); }
    public void popOuter() { outerRows.remove(outerRows.size() - 1); }

    /** The row of the query {@code level + 1} steps out (0 = the directly enclosing query). */
    public Object[] outer(int level) { return outerRows.get(outerRows.size() - 1 - level); }

    /** Called per row by loops that may run long: honours cancel() and statement_timeout. */
    public void checkInterrupts() {
        if ((++rowsSinceCheck & 63) != 0) return;
        checkNow();
    }

    @Override
    public void checkNow() {
        if (session != null && session.cancelRequested()) {
            throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        }
    }

    @Override public OffsetDateTime transactionTimestamp() { return transactionTimestamp; }
    @Override public OffsetDateTime statementTimestamp() { return statementTimestamp; }
    @Override public String currentUser() { return session == null ? "tableos" : session.userName(); }
    @Override public String currentDatabase() { return session == null ? "tableos" : session.databaseName(); }
    @Override public String currentSchema() { return searchPath().firstExisting(catalog()); }
    @Override public SearchPath searchPath() { return session == null ? SearchPath.PUBLIC : session.searchPath(); }
    @Override public int backendPid() { return session == null ? 0 : session.processId(); }
    @Override public java.util.Map<String, String> settings() { return session == null ? java.util.Map.of() : session.settings(); }
    @Override public String setting(String name) { return session == null ? null : session.setting(name); }

    @Override
    public io.tableos.db.sql.func.AdvisoryLocks advisoryLocks() {
        if (session == null) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "advisory locks need a client session");
        return session.advisoryLocks();
    }
}
