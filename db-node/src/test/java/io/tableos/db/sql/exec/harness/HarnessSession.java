package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.SessionInfo;
import io.tableos.db.sql.exec.dml.DmlResult;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.parse.StatementSplitter;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.PlanContext;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client session. Transactions: outside a block, statements run in an implicit
 * transaction that lasts until {@link #endImplicitTransaction} (end of a simple-query
 * string, or Sync); BEGIN opens a block (its transaction starts lazily at the first
 * statement, so SET TRANSACTION can still shape it). An error inside a block puts the
 * session in the failed state (25P02 for everything but ROLLBACK / ROLLBACK TO); an error
 * outside one rolls the implicit transaction back at once. DDL commits on its own, even
 * inside a block (the catalog is replicated separately from row writes).
 */
public final class HarnessSession implements SqlSession, SessionInfo {
    private final HarnessEngine engine;
    private final int processId;
    private final String userName;
    private final String databaseName;
    final SessionSettings settings;
    final Statements statements;
    final TransactionControl transactionControl;
    private volatile boolean cancelRequested;
    private volatile Consumer<Notification> listener;

    HarnessSession(HarnessEngine engine, Map<String, String> startup, int processId) {
        this.engine = engine;
        this.processId = processId;
        this.userName = startup.getOrDefault("user", "tableos");
        this.databaseName = startup.getOrDefault("database", userName);
        this.settings = new SessionSettings(startup, !engine.transactions().isLeader());
        this.statements = new Statements(engine);
        this.transactionControl = new TransactionControl(this, engine.transactions());
    }

    HarnessEngine engine() { return engine; }

    @Override
    public List<String> split(String queryString) {
        return StatementSplitter.split(queryString);
    }

    @Override
    public PreparedStatement prepare(String statementText, int[] parameterTypeOids) {
        try {
            return statements.prepare(statementText, parameterTypeOids);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public StatementResult execute(PreparedStatement statement, Object[] parameters) {
        cancelRequested = false;
        Prepared prepared = (Prepared) statement;
        try {
            if (transactionControl.isFailed() && !TransactionControl.allowedWhenFailed(prepared.utility)) {
                throw new DbException(SqlState.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (prepared.isEmpty()) return new Results.Command("", null, StatementResult.Kind.EMPTY_QUERY);
            if (prepared.utility != null) return new UtilityCommands(this).execute(prepared.utility, prepared);
            if (prepared.catalogVersion != engine.transactions().catalog().version()) {
                prepared = statements.prepare(prepared.text(), prepared.declaredOids());
            }
            Object[] params = convertParameters(prepared, parameters);
            return run(prepared.planned, params);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Runs a planned statement in the session's transaction. */
    StatementResult run(PlannedStatement planned, Object[] params) {
        if (planned instanceof PlannedStatement.Ddl ddl) {
            String tag = new DdlCommands(this).execute(ddl.statement());
            return new Results.Command(tag, null);
        }
        ExecContext ctx = newContext(transactionControl.transaction(), params);
        if (planned instanceof PlannedStatement.Query q) {
            RowIterator rows = q.query().node().open(ctx, null);
            return new Results.Streamed(q.columns(), rows, this::failed);
        }
        PlannedStatement.Dml dml = (PlannedStatement.Dml) planned;
        DmlResult result = dml.dml().executor().execute(ctx);
        String verb = dml.dml().executor().verb();
        String tag = verb.equals("INSERT") ? "INSERT 0 " + result.count() : verb + " " + result.count();
        if (!dml.columns().isEmpty()) return new Results.Buffered(dml.columns(), result.returned(), tag);
        return new Results.Command(tag, null);
    }

    ExecContext newContext(Transaction txn, Object[] params) {
        long timeout = settings.statementTimeoutMillis();
        long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000L : Long.MAX_VALUE;
        OffsetDateTime started = transactionControl.startedAt();
        return new ExecContext(engine.transactions(), txn, params, this, started == null ? OffsetDateTime.now(ZoneOffset.UTC) : started, deadline);
    }

    PlanContext planContext(io.tableos.db.sql.plan.ParamTypes params) {
        return new PlanContext(engine.transactions().catalog(), engine.systemTables(), engine.procedures(), params);
    }

    private static Object[] convertParameters(Prepared prepared, Object[] parameters) {
        List<DataType> types = prepared.parameterTypes();
        int given = parameters == null ? 0 : parameters.length;
        if (given < types.size()) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + given + " parameters, but prepared statement requires " + types.size());
        }
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = parameters[i];
            DataType t = types.get(i);
            if (v == null) continue;
            out[i] = v instanceof String s ? (t.type().isText() ? s : TextFormat.parse(s, t)) : Casts.cast(v, t);
        }
        return out;
    }

    /** Error bookkeeping for any failure of a statement; returns the exception to throw. */
    DbException failed(RuntimeException e) {
        DbException db = e instanceof DbException d ? d : new DbException(SqlState.INTERNAL_ERROR, String.valueOf(e), e);
        transactionControl.onError();
        return db;
    }

    @Override
    public void endImplicitTransaction(boolean succeeded) {
        transactionControl.endImplicit(succeeded);
    }

    @Override
    public char transactionStatus() {
        return transactionControl.status();
    }

    @Override
    public Map<String, String> takeChangedReportedSettings() {
        return settings.takeChangedReported();
    }

    @Override
    public Map<String, String> reportedSettings() {
        return settings.reported();
    }

    @Override
    public void setNotificationListener(Consumer<Notification> newListener) {
        this.listener = newListener;
    }

    void deliver(Notification n) {
        Consumer<Notification> l = listener;
        if (l != null) l.accept(n);
    }

    @Override
    public void cancel() {
        cancelRequested = true;
    }

    @Override
    public int processId() {
        return processId;
    }

    @Override
    public void close() {
        engine.notifications().unlistenAll(this);
        transactionControl.abandon();
    }

    // ---- SessionInfo ----

    @Override public String setting(String name) { return settings.get(name); }
    @Override public Map<String, String> settings() { return settings.all(); }
    @Override public String userName() { return userName; }
    @Override public String databaseName() { return databaseName; }
    @Override public boolean cancelRequested() { return cancelRequested; }

    @Override
    public ProcedureContext procedureContext(Transaction transaction) {
        return new ProcedureContextImpl(this, transaction);
    }
}
