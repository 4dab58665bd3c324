package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation. Output rows: the group-by values followed by one value per aggregate.
 * Without GROUP BY there is exactly one output row, even for empty input.
 */
public record AggregateNode(PlanNode child, List<Expr> groupBy, List<AggregateSpec> aggregates) implements PlanNode {

    private static final class Group {
        final Object[] keys;
        final Accumulator[] accumulators;

        Group(Object[] keys, List<AggregateSpec> specs) {
            this.keys = keys;
            this.accumulators = new Accumulator[specs.size()];
            for (int i = 0; i < accumulators.length; i++) accumulators[i] = new Accumulator(specs.get(i));
        }
    }

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Map<HashKey, Group> groups = new LinkedHashMap<>();
        if (groupBy.isEmpty()) groups.put(new HashKey(new Object[0]), new Group(new Object[0], aggregates));
        try (RowIterator it = child.open(ctx, input)) {
            Object[] row;
            while ((row = it.next()) != null) {
                ctx.checkInterrupts();
                Object[] keys = new Object[groupBy.size()];
                for (int i = 0; i < keys.length; i++) keys[i] = groupBy.get(i).eval(row, ctx);
                HashKey hk = new HashKey(keys);
                Group g = groups.get(hk);
                if (g == null) {
                    Limits.check(groups.size() + 1, Limits.GROUPS_MAX, "GROUP BY");
                    g = new Group(keys, aggregates);
                    groups.put(hk, g);
                }
                for (int a = 0; a < aggregates.size(); a++) {
                    AggregateSpec spec = aggregates.get(a);
                    if (spec.filter() != null && !Exprs.isTrue(spec.filter().eval(row, ctx))) continue;
                    Object[] args = new Object[spec.args().size()];
                    for (int i = 0; i < args.length; i++) args[i] = spec.args().get(i).eval(row, ctx);
                    Object[] sortValues = null;
                    if (spec.orderBy() != null && !spec.orderBy().isEmpty()) {
                        sortValues = new Object[spec.orderBy().size()];
                        for (int i = 0; i < sortValues.length; i++) sortValues[i] = spec.orderBy().get(i).expr().eval(row, ctx);
                    }
                    g.accumulators[a].add(args, sortValues);
                }
            }
        }
        List<Group> list = new ArrayList<>(groups.values());
        return new RowIterator() {
            int next;
            public Object[] next() {
                if (next >= list.size()) return null;
                Group g = list.get(next++);
                Object[] out = new Object[groupBy.size() + aggregates.size()];
                System.arraycopy(g.keys, 0, out, 0, g.keys.length);
                for (int i = 0; i < aggregates.size(); i++) out[g.keys.length + i] = g.accumulators[i].result();
                return out;
            }
        };
    }

    @Override public int width() { return groupBy.size() + aggregates.size(); }
    @Override public String describe() {
        return (groupBy.isEmpty() ? "Aggregate" : "HashAggregate Group Key: " + groupBy) + " " + aggregates.stream().map(a -> a.kind().name().toLowerCase()).toList();
    }
    @Override public List<PlanNode> children() { return List.of(child); }
}
