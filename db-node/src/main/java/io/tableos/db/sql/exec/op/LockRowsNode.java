package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import java.util.List;

/**
 * FOR UPDATE / FOR SHARE: locks each input row's table rows, then continues with the row
 * as it is once locked: a row deleted meanwhile is dropped, and {@code recheck} (the WHERE
 * clause) is evaluated again on the re-read values, as PostgreSQL's EvalPlanQual does.
 * With SKIP LOCKED a row locked by another transaction is skipped (and, per the
 * Transaction contract, not part of the read set); NOWAIT fails with 55P03.
 */
public record LockRowsNode(PlanNode child, List<Target> targets, Expr recheck, Transaction.LockWait lockWait) implements PlanNode {

    /**
     * A table whose columns occupy {@code offset ..} of the row, followed by its hidden
     * primary-key slot; {@code alias} is its name in the query (FOR UPDATE OF names it).
     */
    public record Target(TableDef table, String alias, int offset) {}

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it = openInput(ctx, input);
        return new RowIterator() {
            public Object[] next() {
                Object[] row;
                outer:
                while ((row = nextInput()) != null) {
                    ctx.checkInterrupts();
                    Transaction txn = ctx.transaction();
                    for (Target t : targets) {
                        int n = t.table().columns().size();
                        byte[] pk = (byte[]) row[t.offset() + n];
                        if (pk == null) continue;
                        TableStore store = ctx.storage().table(t.table().id());
                        byte[] current = txn.lockRow(store, pk, lockWait);
                        if (current == null || current == Transaction.SKIPPED) continue outer;
                        Object[] values = RowCodec.decode(t.table(), current);
                        row = row.clone();
                        System.arraycopy(values, 0, row, t.offset(), n);
                    }
                    if (recheck == null || Exprs.isTrue(recheck.eval(row, ctx))) return row;
                }
                return null;
            }
            /** Under SKIP LOCKED the scans below are not part of the read set (see Transaction.setSkipLockedScan). */
            private Object[] nextInput() {
                if (lockWait != Transaction.LockWait.SKIP_LOCKED) return it.next();
                ctx.transaction().setSkipLockedScan(true);
                try {
                    return it.next();
                } finally {
                    ctx.transaction().setSkipLockedScan(false);
                }
            }

            public void close() { it.close(); }
        };
    }

    private RowIterator openInput(ExecContext ctx, Object[] input) {
        if (lockWait != Transaction.LockWait.SKIP_LOCKED) return ctx.open(child, input);
        ctx.transaction().setSkipLockedScan(true);
        try {
            return ctx.open(child, input);
        } finally {
            ctx.transaction().setSkipLockedScan(false);
        }
    }

    @Override public int width() { return child.width(); }
    /** PostgreSQL's name; it does not show the wait policy either. */
    @Override public String describe() { return "LockRows"; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
