package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removes duplicate rows (all columns), keeping the first occurrence and the input order. */
public record DistinctNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it = child.open(ctx, input);
        Set<HashKey> seen = new HashSet<>();
        return new RowIterator() {
            public Object[] next() {
                Object[] row;
                while ((row = it.next()) != null) {
                    ctx.checkInterrupts();
                    if (seen.add(new HashKey(row))) {
                        Limits.check(seen.size(), Limits.GROUPS_MAX, "DISTINCT");
                        return row;
                    }
                }
                return null;
            }
            public void close() { it.close(); }
        };
    }

    @Override public int width() { return child.width(); }
    @Override public String describe() { return "Unique"; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
