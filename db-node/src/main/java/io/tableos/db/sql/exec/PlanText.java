package io.tableos.db.sql.exec;

import java.util.List;

/**
 * EXPLAIN text in PostgreSQL's layout: the root at column 0, each child on its own line
 * as {@code ->  node} two columns right of its parent's text, and a node's detail lines
 * ({@code Index Cond:}, {@code Filter:}, {@code Sort Key:}) two columns right of its text.
 * Nodes PostgreSQL has no counterpart for ({@link PlanNode#describe} null, e.g. projection)
 * are shown as their child. With instrumentation each node gets its actual rows and loops.
 */
public final class PlanText {
    private PlanText() {}

    public static String render(PlanNode root, PlanInstrumentation counts) {
        StringBuilder sb = new StringBuilder();
        node(shown(root), 0, false, counts, sb);
        return sb.toString();
    }

    /** A root that is not a plan node (INSERT/UPDATE/DELETE) above its row sources. */
    public static String render(String headline, List<PlanNode> children, PlanInstrumentation counts) {
        StringBuilder sb = new StringBuilder(headline);
        for (PlanNode c : children) node(shown(c), 2, true, counts, sb);
        return sb.toString();
    }

    private static PlanNode shown(PlanNode node) {
        while (node.describe() == null && node.children().size() == 1) node = node.children().get(0);
        return node;
    }

    /** {@code column}: where the arrow (child) or the text (root) starts. */
    private static void node(PlanNode node, int column, boolean child, PlanInstrumentation counts, StringBuilder sb) {
        if (sb.length() > 0) sb.append('\n');
        String[] lines = String.valueOf(node.describe()).split("\n");
        sb.append(" ".repeat(column)).append(child ? "->  " : "").append(lines[0]);
        if (counts != null) {
            PlanInstrumentation.Counts c = counts.of(node);
            if (c != null) sb.append("  (actual rows=").append(c.loops() == 0 ? 0 : c.rows() / c.loops()).append(" loops=").append(c.loops()).append(')');
        }
        int text = column + (child ? 4 : 0);
        for (int i = 1; i < lines.length; i++) sb.append('\n').append(" ".repeat(text + 2)).append(lines[i]);
        for (PlanNode c : node.children()) node(shown(c), text + 2, true, counts, sb);
    }
}
