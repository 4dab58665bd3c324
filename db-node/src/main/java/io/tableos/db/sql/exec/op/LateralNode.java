package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.List;

/**
 * A LATERAL FROM item (or a set-returning function reading earlier FROM items): the join's
 * current left row is made the innermost outer row while the child opens and while each
 * of its rows is produced, and only then (pushes never stay across calls, so other
 * expressions see the stack they were compiled for).
 */
public record LateralNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it;
        ctx.pushOuter(input);
        try {
            it = ctx.open(child, null);
        } finally {
            ctx.popOuter();
        }
        return new RowIterator() {
            public Object[] next() {
                ctx.pushOuter(input);
                try {
                    return it.next();
                } finally {
                    ctx.popOuter();
                }
            }
            public void close() { it.close(); }
        };
    }

    @Override public int width() { return child.width(); }
    @Override public String describe() { return "Lateral"; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
