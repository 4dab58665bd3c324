package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.constraint.DeferredChecks;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.TableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * UPDATE: {@code source} yields target rows (table columns, primary-key slot, then any
 * FROM items' columns); SET values and RETURNING are evaluated over that layout, RETURNING
 * with the new values in place. A changed primary key moves the row (delete + insert).
 * {@code constraints}, when not null, checks each new row version and the foreign keys.
 */
public record UpdateExecutor(TableDef table, PlanNode source, List<Assignment> assignments, Expr recheck, List<Expr> returning,
                             TableConstraints constraints) implements DmlExecutor {

    @Override
    public DmlResult execute(ExecContext ctx) {
        RowWriter.checkWritable(ctx);
        TableStore store = ctx.storage().table(table.id());
        List<Object[]> returned = new ArrayList<>();
        long count = 0;
        DeferredChecks work = constraints == null ? null : constraints.startStatement();
        TableTriggers triggers = TableTriggers.of(ctx, table, TriggerDef.UPDATE, assignments.stream().mapToInt(Assignment::column).toArray());
        if (triggers != null) triggers.beforeStatement(ctx);
        for (Object[] target : TargetRows.collect(ctx, source, table)) {
            Object[] row = TargetRows.lockAndRecheck(ctx, store, target, recheck);
            if (row == null) continue;
            Object[] after = updateOne(ctx, store, row, work, triggers);
            if (after == null) continue;
            count++;
            if (!returning.isEmpty()) returned.add(TargetRows.evalAll(returning, after, ctx));
        }
        if (work != null) work.finish(ctx);
        if (triggers != null) triggers.finish(ctx);
        return new DmlResult(count, returned);
    }

    /**
     * Writes the new version of one locked target row ({@code row}: the source's layout, current
     * values); {@code work} and {@code triggers} belong to the statement. Returns the row with the
     * new values and key in place, or null when a BEFORE trigger skipped it. MERGE's WHEN MATCHED
     * THEN UPDATE runs through here too.
     */
    Object[] updateOne(ExecContext ctx, TableStore store, Object[] row, DeferredChecks work, TableTriggers triggers) {
        int n = table.columns().size();
        Object[] newValues = Arrays.copyOf(row, n);
        for (Assignment a : assignments) newValues[a.column()] = a.value().eval(row, ctx);
        newValues = RowWriter.coerce(table, newValues);
        if (triggers != null) {
            newValues = triggers.beforeRow(ctx, Arrays.copyOf(row, n), newValues);
            if (newValues == null) return null;
            newValues = RowWriter.coerce(table, newValues);
        }
        if (work != null) constraints.checkRow(ctx, newValues);
        byte[] pk = (byte[]) row[n];
        byte[] newPk = table.hasHiddenKey() ? pk : KeyCodec.primaryKey(table, newValues, 0);
        if (Arrays.equals(pk, newPk)) {
            RowWriter.update(ctx, store, pk, newValues);
        } else {
            ctx.transaction().delete(store, pk);
            RowWriter.insert(ctx, store, newPk, newValues);
        }
        if (work != null) constraints.updated(work, Arrays.copyOf(row, n), newValues);
        if (triggers != null) triggers.afterRow(Arrays.copyOf(row, n), newValues);
        Object[] after = row.clone();
        System.arraycopy(newValues, 0, after, 0, n);
        after[n] = newPk;
        return after;
    }

    @Override public String verb() { return "UPDATE"; }
    @Override public String headline() { return "Update on " + table.name(); }
    @Override public java.util.List<io.tableos.db.sql.exec.PlanNode> sources() { return java.util.List.of(source); }
}
