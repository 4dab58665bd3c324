package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE: runs the anchor, then the recursive term repeatedly over the rows the
 * previous round produced (the working table, read by {@link WorkingTableNode}) until a
 * round produces none. UNION (not ALL) drops rows already produced. The result is held in
 * memory, at most {@link Limits#SUBQUERY_ROWS_MAX} rows.
 */
public record RecursiveUnionNode(PlanNode anchor, PlanNode recursive, WorkingTableNode workingTable, boolean all,
                                 List<DataType> types) implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        List<Object[]> result = new ArrayList<>();
        Set<HashKey> seen = all ? null : new HashSet<>();
        List<Object[]> working = new ArrayList<>();
        drain(anchor, ctx, input, result, working, seen);
        while (!working.isEmpty()) {
            ctx.checkNow();
            workingTable.set(ctx, working);
            List<Object[]> produced = new ArrayList<>();
            drain(recursive, ctx, input, result, produced, seen);
            working = produced;
        }
        return new RowIterator() {
            int next;
            public Object[] next() { return next < result.size() ? result.get(next++) : null; }
        };
    }

    private void drain(PlanNode node, ExecContext ctx, Object[] input, List<Object[]> result, List<Object[]> round, Set<HashKey> seen) {
        try (RowIterator it = node.open(ctx, input)) {
            Object[] r;
            while ((r = it.next()) != null) {
                ctx.checkInterrupts();
                Object[] row = new Object[types.size()];
                for (int i = 0; i < row.length; i++) row[i] = Casts.cast(r[i], types.get(i));
                if (seen != null && !seen.add(new HashKey(row))) continue;
                Limits.check(result.size() + 1, Limits.SUBQUERY_ROWS_MAX, "WITH RECURSIVE");
                result.add(row);
                round.add(row);
            }
        }
    }

    @Override public int width() { return types.size(); }
    @Override public String describe() { return "Recursive Union" + (all ? " All" : ""); }
    @Override public List<PlanNode> children() { return List.of(anchor, recursive); }
}
