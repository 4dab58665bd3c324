package io.tableos.db.sql.exec.dml;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.PlanNode;
import java.util.List;

/**
 * An INSERT, UPDATE or DELETE with data-modifying WITH queries ({@code WITH moved AS (DELETE ...
 * RETURNING *) INSERT INTO archive SELECT * FROM moved}): each WITH query runs to completion
 * first (opening its node runs it once per execution), then the statement itself.
 */
public record DmlAfterModifyingCtes(List<PlanNode> ctes, DmlExecutor main) implements DmlExecutor {
    @Override
    public DmlResult execute(ExecContext ctx) {
        for (PlanNode cte : ctes) cte.open(ctx, null).close();
        return main.execute(ctx);
    }

    @Override public String verb() { return main.verb(); }
    @Override public String headline() { return main.headline(); }

    /** The WITH queries' plans, then the statement's own. */
    @Override
    public List<PlanNode> sources() {
        List<PlanNode> all = new java.util.ArrayList<>(ctes);
        all.addAll(main.sources());
        return all;
    }
}
