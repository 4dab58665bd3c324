package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows an UPDATE or DELETE targets: read whole before any write (so the statement never
 * sees its own changes), one per primary key, then each locked and re-read; a row deleted
 * meanwhile is dropped and a changed one must still satisfy the WHERE clause. INSERT's source
 * rows and MERGE's joined rows are read whole before any write the same way.
 */
final class TargetRows {
    private TargetRows() {}

    static List<Object[]> collect(ExecContext ctx, PlanNode source, TableDef table) {
        int pkSlot = table.columns().size();
        List<Object[]> rows = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        try (RowIterator it = ctx.open(source, null)) {
            Object[] row;
            while ((row = it.next()) != null) {
                ctx.checkInterrupts();
                if (!seen.add(ByteBuffer.wrap((byte[]) row[pkSlot]))) continue;
                Limits.check(rows.size() + 1, Limits.DML_ROWS_MAX, "UPDATE/DELETE target");
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every row of {@code source}, read before any write (so the statement never sees its own changes), at most {@link Limits#DML_ROWS_MAX}. */
    static List<Object[]> readAll(ExecContext ctx, PlanNode source, String what) {
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator it = ctx.open(source, null)) {
            Object[] row;
            while ((row = it.next()) != null) {
                ctx.checkInterrupts();
                Limits.check(rows.size() + 1, Limits.DML_ROWS_MAX, what);
                rows.add(row);
            }
        }
        return rows;
    }

    /** Locks the row and returns it with current values, or null when it is gone or no longer qualifies. */
    static Object[] lockAndRecheck(ExecContext ctx, TableStore store, Object[] row, Expr recheck) {
        TableDef table = store.def();
        int n = table.columns().size();
        byte[] pk = (byte[]) row[n];
        byte[] current = ctx.transaction().lockRow(store, pk, Transaction.LockWait.WAIT);
        if (current == null || current == Transaction.SKIPPED) return null;
        Object[] values = RowCodec.decode(table, current);
        Object[] fresh = row.clone();
        System.arraycopy(values, 0, fresh, 0, n);
        if (recheck != null && !Exprs.isTrue(recheck.eval(fresh, ctx))) return null;
        return fresh;
    }

    static Object[] evalAll(List<Expr> exprs, Object[] row, ExecContext ctx) {
        Object[] out = new Object[exprs.size()];
        for (int i = 0; i < out.length; i++) out[i] = exprs.get(i).eval(row, ctx);
        return out;
    }
}
