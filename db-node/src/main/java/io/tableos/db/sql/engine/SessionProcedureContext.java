package io.tableos.db.sql.engine;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.CommitWait;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.StatementRunner;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.dml.DmlResult;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL run by a procedure body inside its own transaction (the one runProcedure gave it):
 * plans come from the engine's cache, parameter types from the Java values' classes.
 */
final class SessionProcedureContext implements ProcedureContext, StatementRunner {
    private final SqlSessionImpl session;
    private final Transaction transaction;
    /** Read once, when the body starts (on the commit path): every row of one call carries the same instant. */
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    SessionProcedureContext(SqlSessionImpl session, Transaction transaction) {
        this.session = session;
        this.transaction = transaction;
    }

    @Override
    public OffsetDateTime now() {
        return now;
    }

    @Override
    public CommitWait waitForCommit(List<String> qualifiedTables, OffsetDateTime wakeAt) {
        long[] ids = new long[qualifiedTables.size()];
        for (int i = 0; i < ids.length; i++) {
            String name = qualifiedTables.get(i);
            int dot = name.indexOf('.');
            TableDef table = dot < 0 ? null : session.engine.transactionManager().catalog().table(name.substring(0, dot), name.substring(dot + 1));
            if (table == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
            ids[i] = table.id();
        }
        long wakeAfterMillis = wakeAt == null ? Long.MAX_VALUE : Duration.between(now, wakeAt).toMillis();
        return new CommitWait(ids, wakeAfterMillis);
    }

    @Override
    public List<Object[]> query(String sql, Object... params) {
        Prepared p = plan(sql, params);
        ExecContext ctx = session.newContext(transaction, cast(p, params));
        if (p.planned instanceof PlannedStatement.Query q) {
            List<Object[]> rows = new ArrayList<>();
            try (RowIterator it = q.query().node().open(ctx, null)) {
                for (Object[] row = it.next(); row != null; row = it.next()) rows.add(row.clone());
            }
            return rows;
        }
        if (p.planned instanceof PlannedStatement.Dml d) return d.dml().executor().execute(ctx).returned();
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "procedures can run only queries and DML: " + sql);
    }

    @Override
    public long update(String sql, Object... params) {
        Prepared p = plan(sql, params);
        ExecContext ctx = session.newContext(transaction, cast(p, params));
        if (p.planned instanceof PlannedStatement.Dml d) {
            DmlResult r = d.dml().executor().execute(ctx);
            return r.count();
        }
        if (p.planned instanceof PlannedStatement.Query q) {
            long n = 0;
            try (RowIterator it = q.query().node().open(ctx, null)) {
                while (it.next() != null) n++;
            }
            return n;
        }
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "procedures can run only queries and DML: " + sql);
    }

    /**
     * A statement of a server-side function or trigger body: queries and DML, and DDL (a DO block
     * creating a table), which applies as the session's own DDL does.
     */
    @Override
    public Outcome run(String sql, int[] parameterOids, Object[] parameters) {
        Prepared p = session.engine.prepare(sql, parameterOids, session.searchPath());
        if (p.planned instanceof PlannedStatement.Ddl ddl) {
            new DdlExecutor(session).execute(ddl.statement(), p.text());
            return new Outcome(List.of(), List.of(), 0);
        }
        if (p.planned == null) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "not supported in a function body: " + sql);
        ExecContext ctx = session.newContext(transaction, cast(p, parameters));
        if (p.planned instanceof PlannedStatement.Call call) {
            Object[] row = ProcedureCalls.run(call, ctx);
            return new Outcome(call.columns(), call.columns().isEmpty() ? List.of() : List.<Object[]>of(row), 0, call.outputArguments());
        }
        if (p.planned instanceof PlannedStatement.Query q) {
            List<Object[]> rows = new ArrayList<>();
            try (RowIterator it = q.query().node().open(ctx, null)) {
                for (Object[] row = it.next(); row != null; row = it.next()) {
                    Limits.check(rows.size() + 1, Limits.DML_ROWS_MAX, "function query");
                    rows.add(row.clone());
                }
            }
            return new Outcome(q.columns(), rows, rows.size());
        }
        DmlResult result = ((PlannedStatement.Dml) p.planned).dml().executor().execute(ctx);
        return new Outcome(p.planned.columns(), result.returned(), result.count());
    }

    @Override
    public Transaction transaction() {
        return transaction;
    }

    private Prepared plan(String sql, Object[] params) {
        int[] oids = new int[params == null ? 0 : params.length];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = params[i] == null ? 0 : Casts.typeOfValue(params[i]).oid();
        }
        Prepared p = session.engine.prepare(sql, oids, session.searchPath());
        if (p.planned == null) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "procedures can run only queries and DML: " + sql);
        return p;
    }

    private static Object[] cast(Prepared p, Object[] params) {
        List<DataType> types = p.parameterTypes();
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length && params != null && i < params.length; i++) out[i] = Casts.cast(params[i], types.get(i));
        return out;
    }
}
