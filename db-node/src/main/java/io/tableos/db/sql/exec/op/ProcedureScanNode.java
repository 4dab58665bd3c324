package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.CommitWait;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.txn.CommitWatch;
import io.tableos.db.txn.Transaction;
import java.util.Arrays;
import java.util.List;

/**
 * Calls a built-in procedure and yields its rows: alone on the commit path through
 * TransactionManager.runProcedure, or, inside a client's transaction block, as part of it.
 * A long-polling procedure that returns a {@link CommitWait} is called again on this
 * (the session's) thread once a commit wrote a table it watches, or at the time it named,
 * until its wait argument runs out: the commit path itself never waits.
 */
public record ProcedureScanNode(ProcedureRegistry.Procedure procedure, List<Expr> args) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) values[i] = Casts.cast(args.get(i).eval(input, ctx), procedure.argTypes().get(i));
        List<Object[]> rows = longPoll(ctx, values);
        return new RowIterator() {
            int next;
            public Object[] next() { return rows != null && next < rows.size() ? rows.get(next++) : null; }
        };
    }

    private List<Object[]> call(ExecContext ctx, Object[] values) {
        if (ctx.session().inTransactionBlock() || procedure.readOnly()) {
            // Inside BEGIN ... COMMIT the body is ordinary SQL of the client's transaction (as a
            // PostgreSQL function is): its writes commit or roll back with the block, and it
            // reads, locks and conflicts under the block's isolation level. Each call sees a
            // fresh statement snapshot under READ COMMITTED, so a long-poll sees new commits.
            // A read-only procedure runs so outside a block too: in the statement's own
            // transaction, a snapshot read that needs no turn on the commit path.
            Transaction txn = ctx.transaction();
            txn.startStatement();
            return procedure.body().run(ctx.session().procedureContext(txn), values);
        }
        return ctx.transactionManager().runProcedure(txn -> procedure.body().run(ctx.session().procedureContext(txn), values));
    }

    private List<Object[]> longPoll(ExecContext ctx, Object[] values) {
        List<Object[]> rows = call(ctx, values);
        int waitIndex = procedure.longPollParameter();
        long waitUnits = waitIndex < 0 || values[waitIndex] == null ? 0 : ((Number) values[waitIndex]).longValue();
        long waitMillis = waitUnits > Long.MAX_VALUE / procedure.longPollUnitMillis() ? Long.MAX_VALUE : waitUnits * procedure.longPollUnitMillis();
        if (!(rows instanceof CommitWait) || waitMillis <= 0) return rows;
        long deadline = System.nanoTime() + Math.min(waitMillis, Long.MAX_VALUE / 2_000_000) * 1_000_000;
        CommitWatch watch = ctx.transactionManager().commitWatch();
        long[] watched = null;
        long[] seen = null;
        while (rows instanceof CommitWait wait) {
            long now = System.nanoTime();
            if (now - deadline >= 0) return List.of();
            long[] tables = wait.tableIds();
            if (watched == null || !Arrays.equals(watched, tables)) {
                // Versions must be read before the call whose emptiness they vouch for: call once more.
                watched = tables;
                seen = watch.versions(watched);
            } else {
                long wakeAfterMillis = Math.max(1, wait.wakeAfterMillis());  // at least 1 ms: a body mistaken about due work cannot spin
                long wake = wakeAfterMillis >= (deadline - now) / 1_000_000 ? deadline : now + wakeAfterMillis * 1_000_000;
                watch.await(watched, seen, wake, ctx::checkNow);
                seen = watch.versions(watched);
            }
            ctx.checkNow();
            rows = call(ctx, values);
        }
        return rows;
    }

    @Override public int width() { return procedure.resultColumns().size(); }
    @Override public String describe() { return "Procedure Call " + procedure.qualifiedName(); }
    @Override public List<PlanNode> children() { return List.of(); }
}
