package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import java.util.List;

/** Calls a built-in procedure through TransactionManager.runProcedure and yields its rows. */
public record ProcedureScanNode(ProcedureRegistry.Procedure procedure, List<Expr> args) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) values[i] = Casts.cast(args.get(i).eval(input, ctx), procedure.argTypes().get(i));
        List<Object[]> rows = ctx.transactionManager().runProcedure(
                txn -> procedure.body().run(ctx.session().procedureContext(txn), values));
        return new RowIterator() {
            int next;
            public Object[] next() { return rows != null && next < rows.size() ? rows.get(next++) : null; }
        };
    }

    @Override public int width() { return procedure.resultColumns().size(); }
    @Override public String describe() { return "Procedure Call " + procedure.qualifiedName(); }
    @Override public List<PlanNode> children() { return List.of(); }
}
