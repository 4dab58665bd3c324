package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** UNION / INTERSECT / EXCEPT [ALL]; values are cast to the common column types. */
public record SetOpNode(Op op, boolean all, PlanNode left, PlanNode right, List<DataType> types) implements PlanNode {
    public enum Op { UNION, INTERSECT, EXCEPT }

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        if (op == Op.UNION) return union(ctx, input);
        Map<HashKey, int[]> rightCounts = new HashMap<>();
        try (RowIterator it = ctx.open(right, input)) {
            Object[] r;
            while ((r = it.next()) != null) {
                Limits.check(rightCounts.size() + 1, Limits.GROUPS_MAX, op.name());
                rightCounts.computeIfAbsent(new HashKey(cast(r)), k -> new int[1])[0]++;
            }
        }
        RowIterator leftRows = ctx.open(left, input);
        Set<HashKey> emitted = new HashSet<>();
        return new RowIterator() {
            public Object[] next() {
                Object[] row;
                while ((row = leftRows.next()) != null) {
                    row = cast(row);
                    HashKey key = new HashKey(row);
                    int[] count = rightCounts.get(key);
                    boolean inRight = count != null && count[0] > 0;
                    if (all) {
                        if (op == Op.INTERSECT && inRight) { count[0]--; return row; }
                        if (op == Op.EXCEPT) {
                            if (inRight) { count[0]--; continue; }
                            return row;
                        }
                    } else {
                        if ((op == Op.INTERSECT) == inRight && emitted.add(key)) return row;
                    }
                }
                return null;
            }
            public void close() { leftRows.close(); }
        };
    }

    private RowIterator union(ExecContext ctx, Object[] input) {
        Set<HashKey> seen = all ? null : new HashSet<>();
        return new RowIterator() {
            RowIterator current = ctx.open(left, input);
            boolean onRight;
            public Object[] next() {
                while (true) {
                    Object[] row = current.next();
                    if (row == null) {
                        current.close();
                        if (onRight) return null;
                        onRight = true;
                        current = ctx.open(right, input);
                        continue;
                    }
                    row = cast(row);
                    if (seen == null) return row;
                    if (seen.add(new HashKey(row))) {
                        Limits.check(seen.size(), Limits.GROUPS_MAX, "UNION");
                        return row;
                    }
                }
            }
            public void close() { current.close(); }
        };
    }

    private Object[] cast(Object[] row) {
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) out[i] = Casts.cast(row[i], types.get(i));
        return out;
    }

    @Override public int width() { return types.size(); }
    @Override public String describe() { return op + (all ? " ALL" : ""); }
    @Override public List<PlanNode> children() { return List.of(left, right); }
}
