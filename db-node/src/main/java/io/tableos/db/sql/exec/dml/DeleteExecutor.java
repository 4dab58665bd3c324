package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.constraint.DeferredChecks;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.storage.TableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DELETE: like {@link UpdateExecutor}; RETURNING sees the deleted values. {@code constraints},
 * when not null, acts on the rows referencing deleted ones at the end of the statement.
 */
public record DeleteExecutor(TableDef table, PlanNode source, Expr recheck, List<Expr> returning, TableConstraints constraints)
        implements DmlExecutor {

    @Override
    public DmlResult execute(ExecContext ctx) {
        RowWriter.checkWritable(ctx);
        TableStore store = ctx.storage().table(table.id());
        List<Object[]> returned = new ArrayList<>();
        long count = 0;
        DeferredChecks work = constraints == null ? null : constraints.startStatement();
        TableTriggers triggers = TableTriggers.of(ctx, table, TriggerDef.DELETE, null);
        if (triggers != null) triggers.beforeStatement(ctx);
        for (Object[] target : TargetRows.collect(ctx, source, table)) {
            Object[] row = TargetRows.lockAndRecheck(ctx, store, target, recheck);
            if (row == null) continue;
            if (!deleteOne(ctx, store, row, work, triggers)) continue;
            count++;
            if (!returning.isEmpty()) returned.add(TargetRows.evalAll(returning, row, ctx));
        }
        if (work != null) work.finish(ctx);
        if (triggers != null) triggers.finish(ctx);
        return new DmlResult(count, returned);
    }

    /** Deletes one locked target row; false when a BEFORE trigger skipped it. MERGE's THEN DELETE runs through here too. */
    boolean deleteOne(ExecContext ctx, TableStore store, Object[] row, DeferredChecks work, TableTriggers triggers) {
        int n = table.columns().size();
        if (triggers != null && triggers.beforeRow(ctx, Arrays.copyOf(row, n), null) == null) return false;
        ctx.transaction().delete(store, (byte[]) row[n]);
        if (work != null) constraints.deleted(work, Arrays.copyOf(row, n));
        if (triggers != null) triggers.afterRow(Arrays.copyOf(row, n), null);
        return true;
    }

    @Override public String verb() { return "DELETE"; }
    @Override public String headline() { return "Delete on " + table.name(); }
    @Override public java.util.List<PlanNode> sources() { return java.util.List.of(source); }
}
