package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equi-join: builds a hash table of the right side on {@code rightKeys}, probes with
 * {@code leftKeys}; {@code residual} (over left ++ right) filters matches. INNER or LEFT.
 */
public record HashJoinNode(PlanNode left, PlanNode right, List<Expr> leftKeys, List<Expr> rightKeys, Expr residual, JoinType type)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Map<HashKey, List<Object[]>> table = new HashMap<>();
        int count = 0;
        try (RowIterator it = ctx.open(right, input)) {
            Object[] r;
            while ((r = it.next()) != null) {
                ctx.checkInterrupts();
                Limits.check(++count, Limits.HASH_JOIN_ROWS_MAX, "hash join build side");
                HashKey key = key(rightKeys, r, ctx);
                if (key.hasNull()) continue;
                table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(r);
            }
        }
        RowIterator leftRows = ctx.open(left, input);
        int leftWidth = left.width(), rightWidth = right.width();
        return new RowIterator() {
            Object[] leftRow;
            List<Object[]> candidates;
            int candidate;
            boolean matched;

            public Object[] next() {
                while (true) {
                    if (leftRow == null) {
                        leftRow = leftRows.next();
                        if (leftRow == null) return null;
                        HashKey key = key(leftKeys, leftRow, ctx);
                        candidates = key.hasNull() ? List.of() : table.getOrDefault(key, List.of());
                        candidate = 0;
                        matched = false;
                    }
                    if (candidate >= candidates.size()) {
                        Object[] l = leftRow;
                        leftRow = null;
                        if (!matched && type == JoinType.LEFT) return combine(l, null);
                        continue;
                    }
                    Object[] combined = combine(leftRow, candidates.get(candidate++));
                    if (residual == null || Exprs.isTrue(residual.eval(combined, ctx))) {
                        matched = true;
                        return combined;
                    }
                }
            }

            private Object[] combine(Object[] l, Object[] r) {
                Object[] out = new Object[leftWidth + rightWidth];
                System.arraycopy(l, 0, out, 0, leftWidth);
                if (r != null) System.arraycopy(r, 0, out, leftWidth, rightWidth);
                return out;
            }

            public void close() { leftRows.close(); }
        };
    }

    private static HashKey key(List<Expr> exprs, Object[] row, ExecContext ctx) {
        Object[] values = new Object[exprs.size()];
        for (int i = 0; i < values.length; i++) values[i] = exprs.get(i).eval(row, ctx);
        return new HashKey(values);
    }

    @Override public int width() { return left.width() + right.width(); }
    @Override public String describe() {
        List<String> conditions = new java.util.ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) conditions.add("(" + leftKeys.get(i) + " = " + rightKeys.get(i) + ")");
        return "Hash " + (type == JoinType.LEFT ? "Left " : type == JoinType.FULL ? "Full " : "") + "Join\nHash Cond: " + String.join(" AND ", conditions);
    }
    @Override public List<PlanNode> children() { return List.of(left, right); }
}
