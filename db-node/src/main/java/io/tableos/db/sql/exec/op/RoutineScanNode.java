package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.List;

/**
 * Calls a server-side function (CREATE FUNCTION) in the calling statement's transaction and
 * yields its rows: one per RETURN NEXT / RETURN QUERY row of a set-returning function, else
 * one row holding the result. {@code args} are already coerced to the parameter types.
 */
public record RoutineScanNode(FunctionDef function, List<Expr> args, int width) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) values[i] = args.get(i).eval(input, ctx);
        List<Object[]> rows = ctx.session().routines().call(function, values, ctx);
        return new RowIterator() {
            int next;
            public Object[] next() { return next < rows.size() ? rows.get(next++) : null; }
        };
    }

    @Override public String describe() { return "Function Call " + function.qualifiedName(); }
    @Override public List<PlanNode> children() { return List.of(); }
}
