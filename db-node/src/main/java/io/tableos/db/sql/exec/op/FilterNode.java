package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import java.util.List;

/** Passes rows for which the condition is true. */
public record FilterNode(PlanNode child, Expr condition) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it = ctx.open(child, input);
        return new RowIterator() {
            public Object[] next() {
                Object[] row;
                while ((row = it.next()) != null) {
                    ctx.checkInterrupts();
                    if (Exprs.isTrue(condition.eval(row, ctx))) return row;
                }
                return null;
            }
            public void close() { it.close(); }
        };
    }

    @Override public int width() { return child.width(); }
    @Override public String describe() { return "Result\nFilter: " + condition; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
