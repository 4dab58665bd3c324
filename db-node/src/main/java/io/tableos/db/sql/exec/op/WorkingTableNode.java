package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.List;

/** The recursive term's reference to its own CTE: the rows of the previous round, kept per execution. */
public record WorkingTableNode(int width, String name) implements PlanNode {

    void set(ExecContext ctx, List<Object[]> rows) {
        ctx.onceCache().put(this, rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public RowIterator open(ExecContext ctx, Object[] input) {
        List<Object[]> rows = (List<Object[]>) ctx.onceCache().get(this);
        if (rows == null) return RowIterator.EMPTY;
        return new RowIterator() {
            int next;
            public Object[] next() { return next < rows.size() ? rows.get(next++) : null; }
        };
    }

    @Override public String describe() { return "WorkTable Scan on " + name; }
    @Override public List<PlanNode> children() { return List.of(); }

    // identity semantics: each CTE reference plan has its own working table
    @Override public boolean equals(Object o) { return this == o; }
    @Override public int hashCode() { return System.identityHashCode(this); }
}
