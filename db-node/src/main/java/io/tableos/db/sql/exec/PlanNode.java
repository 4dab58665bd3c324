package io.tableos.db.sql.exec;

import java.util.List;

/**
 * An operator of an executable plan. Immutable and shared by every execution of a cached
 * plan; {@link #open} creates the per-execution state.
 */
public interface PlanNode {
    /**
     * Starts producing rows. {@code input} is the current row of the enclosing operator when
     * this node is the parameterised inner side of a lookup join (its key expressions read
     * it); otherwise null.
     */
    RowIterator open(ExecContext ctx, Object[] input);

    /** Number of values in each produced row. */
    int width();

    /** One line describing this node (EXPLAIN). */
    String describe();

    List<PlanNode> children();

    static String explain(PlanNode node) {
        StringBuilder sb = new StringBuilder();
        explain(node, 0, sb);
        return sb.toString();
    }

    private static void explain(PlanNode node, int depth, StringBuilder sb) {
        if (depth > 0) sb.append('\n').append("  ".repeat(depth - 1)).append("->  ");
        sb.append(node.describe());
        for (PlanNode c : node.children()) explain(c, depth + 1, sb);
    }
}
