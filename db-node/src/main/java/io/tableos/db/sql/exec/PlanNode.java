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

    /**
     * This node in EXPLAIN: its name line, then any detail lines ({@code Filter: ...}), joined
     * by newlines; null for a node EXPLAIN shows as its only child (see {@link PlanText}).
     */
    String describe();

    List<PlanNode> children();

    static String explain(PlanNode node) {
        return PlanText.render(node, null);
    }
}
