package io.tableos.db.sql.engine;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.plan.PlannedStatement;

/** Runs a planned CALL in {@code ctx}'s transaction: the procedure's one row (its INOUT values), read at once. */
final class ProcedureCalls {
    private ProcedureCalls() {}

    static Object[] run(PlannedStatement.Call call, ExecContext ctx) {
        try (RowIterator rows = call.node().open(ctx, null)) {
            Object[] row = rows.next();
            return row == null ? new Object[call.columns().size()] : row.clone();
        }
    }
}
