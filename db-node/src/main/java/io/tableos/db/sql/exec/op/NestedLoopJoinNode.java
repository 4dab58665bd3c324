package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Exprs;
import java.util.ArrayList;
import java.util.List;

/**
 * Nested-loop join. When {@code parameterized}, the right side is reopened for each left
 * row with that row as its input (a key or index lookup driven by the join predicate);
 * otherwise the right side is read once into memory. Output rows are left ++ right.
 */
public record NestedLoopJoinNode(PlanNode left, PlanNode right, Expr condition, JoinType type, boolean parameterized)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        RowIterator leftRows = ctx.open(left, input);
        List<Object[]> materialized = parameterized ? null : materialize(ctx, input);
        boolean[] matchedRight = type == JoinType.FULL ? new boolean[materialized.size()] : null;
        int leftWidth = left.width(), rightWidth = right.width();
        return new RowIterator() {
            Object[] leftRow;
            boolean leftMatched;
            RowIterator rightRows;
            int rightIndex;
            int unmatchedIndex = -1;

            public Object[] next() {
                while (true) {
                    if (unmatchedIndex >= 0) return nextUnmatchedRight();
                    if (leftRow == null) {
                        leftRow = leftRows.next();
                        if (leftRow == null) {
                            if (type == JoinType.FULL) { unmatchedIndex = 0; continue; }
                            return null;
                        }
                        leftMatched = false;
                        rightIndex = 0;
                        if (parameterized) rightRows = ctx.open(right, leftRow);
                    }
                    Object[] rightRow = nextRight();
                    if (rightRow == null) {
                        Object[] l = leftRow;
                        leftRow = null;
                        if (rightRows != null) { rightRows.close(); rightRows = null; }
                        if (!leftMatched && type != JoinType.INNER) return combine(l, null);
                        continue;
                    }
                    ctx.checkInterrupts();
                    Object[] combined = combine(leftRow, rightRow);
                    if (condition == null || Exprs.isTrue(condition.eval(combined, ctx))) {
                        leftMatched = true;
                        if (matchedRight != null) matchedRight[rightIndex - 1] = true;
                        return combined;
                    }
                }
            }

            private Object[] nextRight() {
                if (parameterized) return rightRows.next();
                return rightIndex < materialized.size() ? materialized.get(rightIndex++) : null;
            }

            private Object[] nextUnmatchedRight() {
                while (unmatchedIndex < materialized.size()) {
                    int i = unmatchedIndex++;
                    if (!matchedRight[i]) return combine(null, materialized.get(i));
                }
                return null;
            }

            private Object[] combine(Object[] l, Object[] r) {
                Object[] out = new Object[leftWidth + rightWidth];
                if (l != null) System.arraycopy(l, 0, out, 0, leftWidth);
                if (r != null) System.arraycopy(r, 0, out, leftWidth, rightWidth);
                return out;
            }

            public void close() {
                leftRows.close();
                if (rightRows != null) rightRows.close();
            }
        };
    }

    private List<Object[]> materialize(ExecContext ctx, Object[] input) {
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator it = ctx.open(right, input)) {
            Object[] r;
            while ((r = it.next()) != null) {
                Limits.check(rows.size() + 1, Limits.HASH_JOIN_ROWS_MAX, "nested loop join inner side");
                rows.add(r);
            }
        }
        return rows;
    }

    @Override public int width() { return left.width() + right.width(); }
    @Override public String describe() {
        String name = type == JoinType.INNER ? "Nested Loop" : "Nested Loop " + (type == JoinType.LEFT ? "Left" : type == JoinType.FULL ? "Full" : type.toString()) + " Join";
        return name + (condition != null ? "\nJoin Filter: (" + condition + ")" : "");
    }
    @Override public List<PlanNode> children() { return List.of(left, right); }
}
