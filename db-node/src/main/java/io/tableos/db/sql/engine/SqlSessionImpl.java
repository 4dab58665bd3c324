package io.tableos.db.sql.engine;

import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import io.tableos.db.catalog.BackendActivity;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.sql.func.AdvisoryLocks;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.SessionInfo;
import io.tableos.db.sql.exec.dml.DmlExecutor;
import io.tableos.db.sql.exec.dml.DmlResult;
import io.tableos.db.sql.parse.StatementSplitter;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.session.Notification;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client's session. Runs statements against the engine's plan cache, keeps the
 * transaction state ({@link TransactionState}), settings ({@link SessionSettings}), the
 * SQL-level prepared statements and LISTEN channels. Utility statements are dispatched to
 * {@link UtilityCommands}, DDL to {@link DdlExecutor}, COPY to {@link CopyCommands}.
 *
 * <p>Not thread-safe except {@link #cancel()} and notification delivery, as SqlSession says.
 */
public final class SqlSessionImpl implements SqlSession, SessionInfo, NotificationHub.Subscriber {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlSessionImpl.class);
    final SqlEngineImpl engine;
    final int processId;
    final String userName;
    /** The last search_path value parsed, and its parse. */
    private String searchPathSetting;
    private SearchPath searchPath;
    final String databaseName;
    final SessionSettings settings;
    final TransactionState transactionState;
    /** See {@link #swapTransactionControl}: set by a top-level CALL or DO in its own transaction, taken by the body it starts. */
    private boolean transactionControl;
    /** Inside a simple-query string of several statements (see {@link #beginImplicitBlock}). */
    private boolean implicitBlock;
    final SqlPreparedStatements sqlPrepared;
    final Set<String> channels = new HashSet<>();
    private final UtilityCommands utilities;
    private final AdvisoryLocks advisoryLocks;

    private volatile boolean cancelRequested;
    private volatile boolean closed;
    private final Object notificationLock = new Object();
    private Consumer<Notification> notificationListener;
    /** Notifications that arrived before a listener was set; bounded (oldest dropped). */
    private final ArrayDeque<Notification> pendingNotifications = new ArrayDeque<>();

    SqlSessionImpl(SqlEngineImpl engine, int processId, Map<String, String> startupParameters) {
        this.engine = engine;
        this.processId = processId;
        this.userName = startupParameters.getOrDefault("user", "tableos");
        this.databaseName = startupParameters.getOrDefault("database", userName);
        Map<String, String> configured = new java.util.HashMap<>(engine.settings().sessionDefaults());
        configured.putAll(engine.transactionManager().catalog().databaseSettings(databaseName));
        this.settings = new SessionSettings(startupParameters, engine.settings(), !engine.transactionManager().isLeader(), configured);
        this.advisoryLocks = engine.advisoryLocks().forSession(processId);
        this.transactionState = new TransactionState(engine.transactionManager(), engine.ddlLock(), engine.retypesInBlocks(),
                advisoryLocks::releaseTransactionLocks);
        this.sqlPrepared = new SqlPreparedStatements(engine.settings().preparedStatementsMax());
        this.utilities = new UtilityCommands(this);
    }

    // ---- SqlSession ----

    @Override
    public List<String> split(String queryString) {
        return StatementSplitter.split(queryString);
    }

    @Override
    public PreparedStatement prepare(String statementText, int[] parameterTypeOids) {
        return prepareInternal(statementText, parameterTypeOids);
    }

    Prepared prepareInternal(String statementText, int[] parameterTypeOids) {
        Prepared p = engine.prepare(statementText, parameterTypeOids, searchPath());
        if (p.utility != null) return utilities.describe(p);
        return p;
    }

    @Override
    public StatementResult execute(PreparedStatement statement, Object[] parameters) {
        Prepared p = (Prepared) statement;
        if (p.isEmpty()) return Results.EMPTY_QUERY;
        active = true;
        try {
            if (transactionState.failed() && !UtilityCommands.allowedInFailedBlock(p.utility)) {
                throw new DbException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (p.utility != null) return utilities.execute(p.utility, parameters, p.text());
            if (p.catalogVersion != engine.transactionManager().catalog().version()) {
                p = engine.prepare(p.text(), p.declaredOids(), searchPath());
            }
            Object[] values = bindParameters(p, parameters);
            return executePlanned(p, values);
        } catch (RuntimeException | StackOverflowError e) {
            throw failed(e);
        }
    }

    /** Runs a planned query, DML or DDL in this session's transaction. */
    StatementResult executePlanned(Prepared p, Object[] values) {
        currentQuery = p.text();
        queryStart = OffsetDateTime.now(ZoneOffset.UTC);
        PlannedStatement planned = p.planned;
        if (planned instanceof PlannedStatement.Ddl ddl) {
            currentTransaction();  // as in PostgreSQL, DDL is part of the (implicit) transaction: see TransactionState
            return new DdlExecutor(this).execute(ddl.statement(), p.text());
        }
        boolean ownTransaction = mayEndTransactions();
        Transaction txn = currentTransaction();
        long snapshot = txn.startStatement();
        ExecContext ctx = newContext(txn, values);
        txn.setInterruptCheck(ctx::checkInterrupts);
        if (planned instanceof PlannedStatement.Query q) {
            RowIterator rows = q.query().node().open(ctx, null);
            return new Results.Streamed(q.columns(), resumingSnapshot(rows, txn, snapshot), this::failed, null);
        }
        if (planned instanceof PlannedStatement.Call call) {
            boolean previous = swapTransactionControl(ownTransaction);
            Object[] row;
            try {
                row = ProcedureCalls.run(call, ctx);
            } finally {
                swapTransactionControl(previous);
            }
            return call.columns().isEmpty() ? new Results.Command("CALL") : new Results.Buffered(call.columns(), List.<Object[]>of(row), "CALL");
        }
        DmlExecutor dml = ((PlannedStatement.Dml) planned).dml().executor();
        DmlResult result = dml.execute(ctx);
        String tag = dml.verb().equals("INSERT") ? "INSERT 0 " + result.count() : dml.verb() + " " + result.count();
        if (planned.columns().isEmpty()) return new Results.Command(tag);
        return new Results.Buffered(planned.columns(), result.returned(), tag);
    }

    /** Rows pulled later (a portal fetched after other statements ran) read the statement's own snapshot. */
    private static RowIterator resumingSnapshot(RowIterator rows, Transaction txn, long snapshot) {
        return new RowIterator() {
            @Override
            public Object[] next() {
                txn.resumeStatement(snapshot);
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** The session's transaction, starting an implicit one when none is open. */
    Transaction currentTransaction() {
        Transaction t = transactionState.current(settings.get("default_transaction_isolation"), defaultReadOnly());
        if (transactionState.mode() == TransactionState.Mode.IMPLICIT) syncTransactionSettings();
        return t;
    }

    boolean defaultReadOnly() {
        return "on".equals(settings.get("default_transaction_read_only")) || !engine.transactionManager().isLeader();
    }

    ExecContext newContext(Transaction txn, Object[] values) {
        long timeoutMillis = settings.statementTimeoutMillis();
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
        OffsetDateTime started = transactionState.startedAt();
        if (started == null) started = OffsetDateTime.now(ZoneOffset.UTC);
        return new ExecContext(engine.transactionManager(), txn, values, this, started, deadline);
    }

    /** Converts text-format parameters to their types; binary ones arrive decoded already. */
    static Object[] bindParameters(Prepared p, Object[] parameters) {
        List<DataType> types = p.parameterTypes();
        int given = parameters == null ? 0 : parameters.length;
        if (given < types.size()) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + given + " parameters, but prepared statement requires " + types.size());
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = parameters[i];
            values[i] = v instanceof String s ? TextFormat.parse(s, types.get(i)) : v;
        }
        return values;
    }

    /** Records a failure in the transaction state and returns it as a DbException to throw. */
    DbException failed(Throwable e) {
        transactionState.statementFailed();
        if (e instanceof DbException db) {
            // A cancel ends the statement it interrupted, not the ones queued behind it (as in PostgreSQL).
            if (SqlState.QUERY_CANCELED.equals(db.sqlState())) cancelRequested = false;
            return db;
        }
        if (e instanceof StackOverflowError) return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "stack depth limit exceeded");
        LOG.error("internal error in session {}", processId, e);
        return new DbException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }

    @Override
    public void beginImplicitBlock() {
        implicitBlock = true;
    }

    /** Whether a CALL or DO starting now runs in a transaction a procedure may end: no block, explicit or implicit, is open. */
    boolean mayEndTransactions() {
        return !transactionState.inBlock() && !implicitBlock;
    }

    @Override
    public void endImplicitTransaction(boolean succeeded) {
        implicitBlock = false;
        active = false;  // the end of a simple query or a Sync: the client is sent ReadyForQuery next
        boolean wasBlock = transactionState.inBlock();
        try {
            transactionState.endImplicit(succeeded);
        } finally {
            if (!wasBlock) syncTransactionSettings();
        }
    }

    /** transaction_isolation and transaction_read_only follow the open transaction, or the defaults. */
    void syncTransactionSettings() {
        if (transactionState.mode() == TransactionState.Mode.NONE) {
            settings.putInternal("transaction_isolation", settings.get("default_transaction_isolation"));
            settings.putInternal("transaction_read_only", defaultReadOnly() ? "on" : "off");
        } else {
            settings.putInternal("transaction_isolation", transactionState.isolation());
            settings.putInternal("transaction_read_only", transactionState.readOnly() ? "on" : "off");
        }
    }

    @Override
    public char transactionStatus() {
        return transactionState.status();
    }

    @Override
    public Map<String, String> takeChangedReportedSettings() {
        refreshLeadership();
        return settings.takeChangedReported();
    }

    @Override
    public Map<String, String> reportedSettings() {
        refreshLeadership();
        return settings.reported();
    }

    /** A follower reports in_hot_standby and read-only defaults; leadership can change while a session lives. */
    private void refreshLeadership() {
        boolean follower = !engine.transactionManager().isLeader();
        String standby = follower ? "on" : "off";
        if (!standby.equals(settings.get("in_hot_standby"))) {
            settings.putInternal("in_hot_standby", standby);
            settings.putInternal("default_transaction_read_only", follower ? "on" : settings.defaultValue("default_transaction_read_only"));
            if (transactionState.mode() == TransactionState.Mode.NONE) syncTransactionSettings();
        }
    }

    @Override
    public void setNotificationListener(Consumer<Notification> listener) {
        synchronized (notificationLock) {
            notificationListener = listener;
            if (listener != null) {
                while (!pendingNotifications.isEmpty()) listener.accept(pendingNotifications.poll());
            }
        }
    }

    @Override
    public void notificationArrived(Notification notification) {
        synchronized (notificationLock) {
            if (notificationListener != null) {
                notificationListener.accept(notification);
                return;
            }
            if (pendingNotifications.size() == engine.settings().pendingNotificationsMax()) pendingNotifications.poll();
            pendingNotifications.add(notification);
        }
    }

    @Override
    public void cancel() {
        cancelRequested = true;
    }

    @Override
    public void discardCancel() {
        cancelRequested = false;
    }

    /** For long loops outside operators (COPY): cancel() fails the statement with 57014. */
    void checkInterrupts() {
        if (cancelRequested) throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    @Override
    public int processId() {
        return processId;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        engine.sessionClosed(this);
        try {
            transactionState.rollback();
        } finally {
            advisoryLocks.unlockAll();
            advisoryLocks.releaseTransactionLocks();
            for (String channel : channels) engine.notifications().unlisten(channel, this);
            channels.clear();
        }
    }

    // ---- pg_stat_activity ----

    private final OffsetDateTime backendStart = OffsetDateTime.now(ZoneOffset.UTC);
    private volatile String currentQuery = "";
    /**
     * From a statement's execution until the client is next told ReadyForQuery (its rows are
     * streamed in between): pg_stat_activity's state 'active', as in PostgreSQL.
     */
    private volatile boolean active;
    private volatile OffsetDateTime queryStart;

    /** This session as pg_stat_activity shows it; read by other sessions' threads, so only volatile state and snapshots of it. */
    BackendActivity activity() {
        Transaction open = transactionState.openTransaction();
        String waitType = null, waitEvent = null;
        if (open != null && open.waitingForLock()) {
            waitType = "Lock";
            waitEvent = "tuple";
        } else if (engine.advisoryLocks().isWaiting(processId)) {
            waitType = "Lock";
            waitEvent = "advisory";
        }
        char status = transactionState.status();
        String state = waitType != null || active ? "active" : status == 'T' ? "idle in transaction"
                : status == 'E' ? "idle in transaction (aborted)" : "idle";
        return new BackendActivity(processId, userName(), settings.get("application_name"),
                backendStart, transactionState.startedAt(), queryStart, state, currentQuery, waitType, waitEvent);
    }

    @Override
    public java.util.List<BackendActivity> backends() {
        return engine.backends();
    }

    // ---- SessionInfo (what executing statements ask of the session) ----

    @Override
    public boolean swapTransactionControl(boolean allowed) {
        boolean previous = transactionControl;
        transactionControl = allowed;
        return previous;
    }

    /** Commits or rolls back as COMMIT and ROLLBACK do outside a block, then opens the implicit transaction the body goes on in. */
    @Override
    public ExecContext endTransaction(boolean commit) {
        if (commit) transactionState.commit();
        else transactionState.rollback();
        return contextInNextTransaction();
    }

    @Override
    public ExecContext continueAfterCall(ExecContext current) {
        return transactionState.openTransaction() == current.transaction() ? current : contextInNextTransaction();
    }

    private ExecContext contextInNextTransaction() {
        Transaction txn = currentTransaction();
        txn.startStatement();
        ExecContext ctx = newContext(txn, new Object[0]);
        txn.setInterruptCheck(ctx::checkInterrupts);
        return ctx;
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public Map<String, String> settings() {
        return settings.all();
    }

    /** The search path of {@code search_path} now (parsed again only when the setting changed). */
    @Override
    public SearchPath searchPath() {
        String setting = settings.get("search_path");
        if (!setting.equals(searchPathSetting)) {
            searchPath = SearchPath.parse(setting, userName);
            searchPathSetting = setting;
        }
        return searchPath;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public String databaseName() {
        return databaseName;
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public AdvisoryLocks advisoryLocks() {
        return advisoryLocks;
    }

    @Override
    public String setSetting(String name, String value, boolean local) {
        if (value == null) settings.reset(name, transactionState.inBlock());
        else settings.set(name, value, local, transactionState.inBlock());
        if (transactionState.mode() == TransactionState.Mode.NONE && name.startsWith("default_transaction")) syncTransactionSettings();
        // SET LOCAL outside a block lasts only for the statement's own transaction: report the value it asked for.
        if (local && !transactionState.inBlock()) return SessionSettings.normalize(name, value);
        return settings.get(name);
    }

    @Override
    public String swapSetting(String name, String value) {
        return settings.swap(name, value);
    }

    @Override
    public boolean inTransactionBlock() {
        return transactionState.inBlock();
    }

    @Override
    public io.tableos.db.sql.exec.StatementRunner statementRunner(Transaction transaction) {
        return new SessionProcedureContext(this, transaction);
    }

    @Override
    public io.tableos.db.sql.exec.Routines routines() {
        return engine.routines();
    }

    @Override
    public ProcedureContext procedureContext(Transaction transaction) {
        return new SessionProcedureContext(this, transaction);
    }
}
