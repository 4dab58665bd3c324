package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes duplicate rows, keeping the first occurrence and the input order. Rows are
 * compared on all columns, or on {@code keyCount} columns from {@code keyFrom} (DISTINCT ON).
 */
public record DistinctNode(PlanNode child, int keyFrom, int keyCount) implements PlanNode {
    public DistinctNode(PlanNode child) {
        this(child, 0, -1);
    }

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator it = ctx.open(child, input);
        Set<HashKey> seen = new HashSet<>();
        return new RowIterator() {
            public Object[] next() {
                Object[] row;
                while ((row = it.next()) != null) {
                    ctx.checkInterrupts();
                    Object[] key = keyCount < 0 ? row : java.util.Arrays.copyOfRange(row, keyFrom, keyFrom + keyCount);
                    if (seen.add(new HashKey(key))) {
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
    @Override public String describe() { return keyCount < 0 ? "Unique" : "Unique On " + keyCount + " keys"; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
