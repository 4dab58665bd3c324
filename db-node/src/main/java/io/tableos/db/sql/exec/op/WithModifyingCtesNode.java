package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * A query with data-modifying WITH queries: as in PostgreSQL they run to completion whether or
 * not the query reads them, so each is run (once, see {@link ModifyingCteNode}) before the query
 * yields its first row. Unlike PostgreSQL, the query's own reads of the modified tables then see
 * the changes (PostgreSQL's main query reads the snapshot from before them).
 */
public record WithModifyingCtesNode(List<PlanNode> ctes, PlanNode query) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        for (PlanNode cte : ctes) cte.open(ctx, null).close();
        return query.open(ctx, input);
    }

    @Override public int width() { return query.width(); }
    @Override public String describe() { return "With Modifying CTEs"; }

    @Override
    public List<PlanNode> children() {
        List<PlanNode> all = new ArrayList<>(ctes);
        all.add(query);
        return all;
    }
}
