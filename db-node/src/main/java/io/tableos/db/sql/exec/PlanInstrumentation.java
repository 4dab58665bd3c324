package io.tableos.db.sql.exec;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Rows each plan node produced and how often it was opened, for EXPLAIN ANALYZE. One per
 * execution (plans are shared, so counts cannot live in the nodes); keyed by node identity.
 * Its size is bounded by the plan's node count.
 */
public final class PlanInstrumentation {
    /** Rows produced and times opened. */
    public record Counts(long rows, long loops) {}

    private final Map<PlanNode, long[]> counts = new IdentityHashMap<>();

    /** Counts what an opened node produces. */
    RowIterator wrap(PlanNode node, RowIterator rows) {
        long[] c = counts.computeIfAbsent(node, k -> new long[2]);
        c[1]++;
        return new RowIterator() {
            @Override
            public Object[] next() {
                Object[] row = rows.next();
                if (row != null) c[0]++;
                return row;
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** Null when the node was never opened through {@link ExecContext#open}. */
    public Counts of(PlanNode node) {
        long[] c = counts.get(node);
        return c == null ? null : new Counts(c[0], c[1]);
    }
}
