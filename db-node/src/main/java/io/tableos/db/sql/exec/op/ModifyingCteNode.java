package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.dml.DmlExecutor;
import java.util.List;

/**
 * A data-modifying WITH query ({@code WITH x AS (UPDATE ... RETURNING ...)}): runs its INSERT,
 * UPDATE or DELETE exactly once per execution of the statement, however often the statement
 * reads {@code x} (and also when it never does: see {@link WithModifyingCtesNode}), and yields
 * the RETURNING rows. The rows are kept in the execution's once-cache, bounded as every DML's
 * RETURNING list is.
 */
public record ModifyingCteNode(DmlExecutor dml, int width) implements PlanNode {
    @Override
    @SuppressWarnings("unchecked")
    public RowIterator open(ExecContext ctx, Object[] input) {
        List<Object[]> rows = (List<Object[]>) ctx.onceCache().get(this);
        if (rows == null) {
            rows = dml.execute(ctx).returned();
            ctx.onceCache().put(this, rows);
        }
        List<Object[]> returned = rows;
        return new RowIterator() {
            int next;
            public Object[] next() { return next < returned.size() ? returned.get(next++) : null; }
        };
    }

    @Override public String describe() { return "CTE " + dml.describe(); }
    @Override public List<PlanNode> children() { return List.of(); }
}
