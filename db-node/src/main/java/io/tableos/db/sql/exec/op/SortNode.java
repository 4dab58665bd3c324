package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.ArrayList;
import java.util.List;

/** Sorts its input in memory (at most {@link Limits#SORT_ROWS_MAX} rows); stable. */
public record SortNode(PlanNode child, List<SortKey> keys) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> sortValues = new ArrayList<>();
        try (RowIterator it = ctx.open(child, input)) {
            Object[] row;
            while ((row = it.next()) != null) {
                ctx.checkInterrupts();
                Limits.check(rows.size() + 1, Limits.SORT_ROWS_MAX, "sort");
                Object[] values = new Object[keys.size()];
                for (int i = 0; i < values.length; i++) values[i] = keys.get(i).expr().eval(row, ctx);
                rows.add(row);
                sortValues.add(values);
            }
        }
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> {
            Object[] x = sortValues.get(a), y = sortValues.get(b);
            for (int i = 0; i < x.length; i++) {
                int c = keys.get(i).compare(x[i], y[i]);
                if (c != 0) return c;
            }
            return 0;
        });
        return new RowIterator() {
            int next;
            public Object[] next() { return next < order.length ? rows.get(order[next++]) : null; }
        };
    }

    @Override public int width() { return child.width(); }
    @Override public String describe() {
        return "Sort\nSort Key: " + String.join(", ", keys.stream().map(Object::toString).toList());
    }
    @Override public List<PlanNode> children() { return List.of(child); }
}
