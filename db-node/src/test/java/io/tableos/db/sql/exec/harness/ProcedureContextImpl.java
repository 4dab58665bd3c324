package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.dml.DmlResult;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/** SQL for procedure bodies, run in the procedure's transaction through the shared plan cache. */
final class ProcedureContextImpl implements ProcedureContext {
    private final HarnessSession session;
    private final Transaction transaction;

    ProcedureContextImpl(HarnessSession session, Transaction transaction) {
        this.session = session;
        this.transaction = transaction;
    }

    @Override
    public Transaction transaction() { return transaction; }

    private Prepared prepare(String sql, Object[] params) {
        int[] oids = new int[params.length];
        for (int i = 0; i < params.length; i++) oids[i] = params[i] == null ? 0 : Casts.typeOfValue(params[i]).oid();
        Prepared p = session.statements.prepare(sql, oids);
        if (p.planned == null || p.planned instanceof PlannedStatement.Ddl) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "procedures may run only queries and INSERT/UPDATE/DELETE: " + sql);
        }
        return p;
    }

    private Object[] convert(Prepared p, Object[] params) {
        Object[] out = new Object[p.parameterTypes().size()];
        for (int i = 0; i < out.length && i < params.length; i++) out[i] = Casts.cast(params[i], p.parameterTypes().get(i));
        return out;
    }

    @Override
    public List<Object[]> query(String sql, Object... params) {
        Prepared p = prepare(sql, params);
        ExecContext ctx = session.newContext(transaction, convert(p, params));
        if (p.planned instanceof PlannedStatement.Dml dml) return dml.dml().executor().execute(ctx).returned();
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator it = ((PlannedStatement.Query) p.planned).query().node().open(ctx, null)) {
            Object[] r;
            while ((r = it.next()) != null) rows.add(r);
        }
        return rows;
    }

    @Override
    public long update(String sql, Object... params) {
        Prepared p = prepare(sql, params);
        ExecContext ctx = session.newContext(transaction, convert(p, params));
        if (p.planned instanceof PlannedStatement.Dml dml) {
            DmlResult r = dml.dml().executor().execute(ctx);
            return r.count();
        }
        long n = 0;
        try (RowIterator it = ((PlannedStatement.Query) p.planned).query().node().open(ctx, null)) {
            while (it.next() != null) n++;
        }
        return n;
    }
}
