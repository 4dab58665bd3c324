package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes window functions: reads its input whole (at most {@link Limits#SORT_ROWS_MAX}
 * rows), and yields each input row, in input order, extended by one value per window spec.
 */
public record WindowNode(PlanNode child, List<WindowSpec> specs) implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        List<Object[]> rows = new ArrayList<>();
        int width = child.width();
        try (RowIterator it = child.open(ctx, input)) {
            Object[] r;
            while ((r = it.next()) != null) {
                ctx.checkInterrupts();
                Limits.check(rows.size() + 1, Limits.SORT_ROWS_MAX, "window");
                Object[] extended = Arrays.copyOf(r, width + specs.size());
                rows.add(extended);
            }
        }
        for (int s = 0; s < specs.size(); s++) compute(specs.get(s), width + s, rows, ctx);
        return new RowIterator() {
            int next;
            public Object[] next() { return next < rows.size() ? rows.get(next++) : null; }
        };
    }

    private static void compute(WindowSpec spec, int slot, List<Object[]> rows, ExecContext ctx) {
        Map<HashKey, List<Object[]>> partitions = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Object[] key = new Object[spec.partitionBy().size()];
            for (int i = 0; i < key.length; i++) key[i] = spec.partitionBy().get(i).eval(row, ctx);
            partitions.computeIfAbsent(new HashKey(key), k -> new ArrayList<>()).add(row);
        }
        for (List<Object[]> partition : partitions.values()) {
            Object[][] sortValues = new Object[partition.size()][];
            for (int i = 0; i < partition.size(); i++) {
                Object[] v = new Object[spec.orderBy().size()];
                for (int k = 0; k < v.length; k++) v[k] = spec.orderBy().get(k).expr().eval(partition.get(i), ctx);
                sortValues[i] = v;
            }
            Integer[] order = new Integer[partition.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> compareKeys(spec, sortValues[a], sortValues[b]));
            fill(spec, slot, partition, sortValues, order, ctx);
        }
    }

    static int compareKeys(WindowSpec spec, Object[] x, Object[] y) {
        for (int k = 0; k < x.length; k++) {
            int c = spec.orderBy().get(k).compare(x[k], y[k]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static void fill(WindowSpec spec, int slot, List<Object[]> partition, Object[][] sortValues, Integer[] order, ExecContext ctx) {
        int n = order.length;
        switch (spec.function()) {
            case "row_number" -> { for (int i = 0; i < n; i++) partition.get(order[i])[slot] = (long) (i + 1); }
            case "rank", "dense_rank" -> {
                long rank = 0, dense = 0;
                for (int i = 0; i < n; i++) {
                    boolean newPeer = i == 0 || compareKeys(spec, sortValues[order[i - 1]], sortValues[order[i]]) != 0;
                    if (newPeer) { rank = i + 1; dense++; }
                    partition.get(order[i])[slot] = spec.function().equals("rank") ? rank : dense;
                }
            }
            case "lag", "lead" -> {
                int offset = spec.args().size() > 1 ? ((Number) spec.args().get(1).eval(partition.get(order[0]), ctx)).intValue() : 1;
                for (int i = 0; i < n; i++) {
                    int j = spec.function().equals("lag") ? i - offset : i + offset;
                    Object[] row = partition.get(order[i]);
                    row[slot] = j >= 0 && j < n ? spec.args().get(0).eval(partition.get(order[j]), ctx)
                            : spec.args().size() > 2 ? spec.args().get(2).eval(row, ctx) : null;
                }
            }
            case "ntile" -> ntile(spec, slot, partition, order, ctx);
            case "first_value", "last_value", "nth_value" -> valueInFrame(spec, slot, partition, sortValues, order, ctx);
            default -> {
                if (spec.frame() == null) aggregate(spec, slot, partition, sortValues, order, ctx);
                else framedAggregate(spec, slot, partition, sortValues, order, ctx);
            }
        }
    }

    /** ntile(buckets): bucket numbers 1..buckets, the first (rows % buckets) buckets one row larger, as PostgreSQL splits. */
    private static void ntile(WindowSpec spec, int slot, List<Object[]> partition, Integer[] order, ExecContext ctx) {
        Object b = spec.args().get(0).eval(partition.get(order[0]), ctx);
        if (b == null) {
            for (Integer i : order) partition.get(i)[slot] = null;
            return;
        }
        long buckets = ((Number) b).longValue();
        if (buckets <= 0) throw new io.tableos.db.types.DbException("22014", "argument of ntile must be greater than zero");
        int n = order.length;
        long small = n / buckets, larger = n % buckets;
        int row = 0;
        for (int bucket = 1; row < n; bucket++) {
            long size = small + (bucket <= larger ? 1 : 0);
            for (long k = 0; k < size && row < n; k++) partition.get(order[row++])[slot] = bucket;
        }
    }

    /**
     * An aggregate over an explicit frame. Frames that start at the partition start grow
     * monotonically, so one running accumulator serves them; others are recomputed per row.
     */
    private static void framedAggregate(WindowSpec spec, int slot, List<Object[]> partition, Object[][] sortValues, Integer[] order, ExecContext ctx) {
        int n = order.length;
        FrameBounds bounds = FrameBounds.of(spec, partition.get(order[0]), sortValues, order, ctx);
        boolean running = spec.frame().start().kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING;
        Accumulator acc = running ? new Accumulator(aggregateOf(spec)) : null;
        int added = 0;
        for (int i = 0; i < n; i++) {
            if (!running) {
                acc = new Accumulator(aggregateOf(spec));
                added = bounds.start[i];
            }
            for (; added < bounds.end[i]; added++) addRow(spec, acc, partition.get(order[added]), ctx);
            partition.get(order[i])[slot] = acc.result();
        }
    }

    /**
     * first_value, last_value and nth_value(x, n): the argument at the first, last or n-th row of
     * each row's frame, NULL when the frame has no such row. Without a frame clause the frame is
     * PostgreSQL's default: the partition up to the row's last peer (all of it without ORDER BY),
     * which is why last_value without a frame returns the current peer group's last value.
     */
    private static void valueInFrame(WindowSpec spec, int slot, List<Object[]> partition, Object[][] sortValues, Integer[] order, ExecContext ctx) {
        int n = order.length;
        Object[] first = partition.get(order[0]);
        long nth = 1;
        if (spec.function().equals("nth_value")) {
            Object v = spec.args().get(1).eval(first, ctx);
            if (v == null) {
                for (Integer i : order) partition.get(i)[slot] = null;
                return;
            }
            nth = ((Number) v).longValue();
            if (nth <= 0) throw new io.tableos.db.types.DbException("22016", "argument of nth_value must be greater than zero");
        }
        FrameBounds bounds = FrameBounds.of(spec, first, sortValues, order, ctx);
        for (int i = 0; i < n; i++) {
            long at = spec.function().equals("last_value") ? bounds.end[i] - 1L : bounds.start[i] + nth - 1;
            boolean inFrame = at >= bounds.start[i] && at < bounds.end[i];
            partition.get(order[i])[slot] = inFrame ? spec.args().get(0).eval(partition.get(order[(int) at]), ctx) : null;
        }
    }

    private static AggregateSpec aggregateOf(WindowSpec spec) {
        AggregateSpec.Kind kind = AggregateSpec.kindOf(spec.function());
        if (kind == AggregateSpec.Kind.COUNT && spec.args().isEmpty()) kind = AggregateSpec.Kind.COUNT_STAR;
        return new AggregateSpec(kind, spec.args(), false, List.of(), null, spec.type());
    }

    private static void addRow(WindowSpec spec, Accumulator acc, Object[] row, ExecContext ctx) {
        if (spec.filter() != null && !Exprs.isTrue(spec.filter().eval(row, ctx))) return;
        Object[] args = new Object[spec.args().size()];
        for (int a = 0; a < args.length; a++) args[a] = spec.args().get(a).eval(row, ctx);
        acc.add(args, null);
    }

    /** An aggregate over the default frame: running totals up to each peer group (whole partition without ORDER BY). */
    private static void aggregate(WindowSpec spec, int slot, List<Object[]> partition, Object[][] sortValues, Integer[] order, ExecContext ctx) {
        Accumulator acc = new Accumulator(aggregateOf(spec));
        int n = order.length;
        int i = 0;
        while (i < n) {
            int end = i + 1;
            if (spec.orderBy().isEmpty()) end = n;
            else while (end < n && compareKeys(spec, sortValues[order[i]], sortValues[order[end]]) == 0) end++;
            for (int k = i; k < end; k++) addRow(spec, acc, partition.get(order[k]), ctx);
            Object value = acc.result();
            for (int k = i; k < end; k++) partition.get(order[k])[slot] = value;
            i = end;
        }
    }

    @Override public int width() { return child.width() + specs.size(); }
    @Override public String describe() { return "WindowAgg " + specs.stream().map(WindowSpec::function).toList(); }
    @Override public List<PlanNode> children() { return List.of(child); }

    static DataType typeOf(String function) {
        return DataType.INT8;
    }
}
