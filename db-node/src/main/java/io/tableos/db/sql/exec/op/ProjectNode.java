package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.List;

/** Computes output rows from input rows; a fresh array per row (consumers may keep it). */
public record ProjectNode(PlanNode child, List<Expr> exprs) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it = ctx.open(child, input);
        return new RowIterator() {
            public Object[] next() {
                Object[] row = it.next();
                if (row == null) return null;
                Object[] out = new Object[exprs.size()];
                for (int i = 0; i < out.length; i++) out[i] = exprs.get(i).eval(row, ctx);
                return out;
            }
            public void close() { it.close(); }
        };
    }

    @Override public int width() { return exprs.size(); }
    /** PostgreSQL computes output columns inside other nodes: EXPLAIN shows this as its input. */
    @Override public String describe() { return null; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
