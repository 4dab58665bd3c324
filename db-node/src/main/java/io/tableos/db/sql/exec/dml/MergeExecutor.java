package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.constraint.DeferredChecks;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MERGE: {@code source} yields the source rows outer-joined to the target, in the UPDATE layout
 * (target columns, the target's key slot, null for a source row that matched nothing; then the
 * source's columns). All joined rows are read before any write, so rows the MERGE inserts are
 * never matched by it. For each, the first WHEN clause of its kind whose condition holds acts:
 * a matched row is locked and re-read, and must still satisfy {@code on}; one deleted or changed
 * so it no longer matches meanwhile is handled by the WHEN NOT MATCHED clauses, as PostgreSQL 15
 * does. A target row already updated or deleted by this MERGE that another source row would
 * update or delete fails the statement with 21000. The writes go through the executors of
 * UPDATE, DELETE and INSERT, with their constraint checks and triggers.
 */
public record MergeExecutor(TableDef table, PlanNode source, Expr on, List<WhenClause> clauses, TableConstraints constraints)
        implements DmlExecutor {

    /**
     * One WHEN clause. {@code condition} (null: always) and the INSERT's values are evaluated over
     * the source's columns alone when not matched, over the whole joined row when matched. Exactly
     * one of {@code update}, {@code delete}, {@code insert} is set, none for DO NOTHING.
     */
    public record WhenClause(boolean matched, Expr condition, UpdateExecutor update, DeleteExecutor delete, InsertExecutor insert,
                             List<Expr> insertValues) {
        boolean modifiesTarget() { return update != null || delete != null; }
    }

    @Override
    public DmlResult execute(ExecContext ctx) {
        RowWriter.checkWritable(ctx);
        TableStore store = ctx.storage().table(table.id());
        int keySlot = table.columns().size();
        Statement statement = new Statement(ctx);
        Set<ByteBuffer> changed = new HashSet<>();
        long count = 0;
        for (Object[] joined : TargetRows.readAll(ctx, source, "MERGE source")) {
            ctx.checkInterrupts();
            byte[] key = (byte[]) joined[keySlot];
            if (key != null) {
                if (changed.contains(ByteBuffer.wrap(key))) {
                    // PostgreSQL reads the row as the join saw it; acting on it again is the error.
                    WhenClause clause = firstHolding(ctx, true, joined);
                    if (clause != null && clause.modifiesTarget()) throw affectedTwice();
                    continue;
                }
                Object[] row = TargetRows.lockAndRecheck(ctx, store, joined, on);
                if (row != null) {
                    WhenClause clause = firstHolding(ctx, true, row);
                    if (clause != null && actOnMatched(ctx, store, clause, row, statement)) {
                        changed.add(ByteBuffer.wrap(key));
                        count++;
                    }
                    continue;
                }
            }
            Object[] sourceRow = Arrays.copyOfRange(joined, keySlot + 1, joined.length);
            WhenClause clause = firstHolding(ctx, false, sourceRow);
            if (clause == null || clause.insert() == null) continue;
            if (clause.insert().insertOne(ctx, store, TargetRows.evalAll(clause.insertValues(), sourceRow, ctx), statement.work,
                    statement.insertTriggers) != null) {
                count++;
            }
        }
        statement.finish(ctx);
        return new DmlResult(count, List.of());
    }

    private WhenClause firstHolding(ExecContext ctx, boolean matched, Object[] row) {
        for (WhenClause clause : clauses) {
            if (clause.matched() != matched) continue;
            if (clause.condition() == null || Exprs.isTrue(clause.condition().eval(row, ctx))) return clause;
        }
        return null;
    }

    /** True when the row was updated or deleted (DO NOTHING and rows a trigger skipped are not counted). */
    private boolean actOnMatched(ExecContext ctx, TableStore store, WhenClause clause, Object[] row, Statement statement) {
        if (clause.update() != null) return clause.update().updateOne(ctx, store, row, statement.work, statement.updateTriggers) != null;
        if (clause.delete() != null) return clause.delete().deleteOne(ctx, store, row, statement.work, statement.deleteTriggers);
        return false;
    }

    private static DbException affectedTwice() {
        return new DbException(SqlState.CARDINALITY_VIOLATION, "MERGE command cannot affect row a second time", null,
                "Ensure that not more than one source row matches any one target row.", 0, null);
    }

    /**
     * The statement-wide state the UPDATE, DELETE and INSERT actions share: deferred constraint
     * work, triggers per event and their one queue of AFTER ROW events. As in PostgreSQL 15, BEFORE
     * STATEMENT fires for INSERT, UPDATE, DELETE; AFTER ROW in the order of the writes; AFTER
     * STATEMENT for DELETE, UPDATE, INSERT.
     */
    private final class Statement {
        final DeferredChecks work;
        final TableTriggers insertTriggers, updateTriggers, deleteTriggers;
        private final TableTriggers.AfterRows afterRows = new TableTriggers.AfterRows();

        Statement(ExecContext ctx) {
            work = constraints == null ? null : constraints.startStatement();
            insertTriggers = clauses.stream().anyMatch(c -> c.insert() != null) ? TableTriggers.of(ctx, table, TriggerDef.INSERT, null, afterRows) : null;
            int[] assigned = clauses.stream().filter(c -> c.update() != null)
                    .flatMap(c -> c.update().assignments().stream()).mapToInt(Assignment::column).distinct().toArray();
            updateTriggers = assigned.length > 0 ? TableTriggers.of(ctx, table, TriggerDef.UPDATE, assigned, afterRows) : null;
            deleteTriggers = clauses.stream().anyMatch(c -> c.delete() != null) ? TableTriggers.of(ctx, table, TriggerDef.DELETE, null, afterRows) : null;
            for (TableTriggers t : present(insertTriggers, updateTriggers, deleteTriggers)) t.beforeStatement(ctx);
        }

        private static List<TableTriggers> present(TableTriggers... triggers) {
            List<TableTriggers> out = new ArrayList<>();
            for (TableTriggers t : triggers) if (t != null) out.add(t);
            return out;
        }

        void finish(ExecContext ctx) {
            if (work != null) work.finish(ctx);
            afterRows.fire(ctx);
            for (TableTriggers t : present(deleteTriggers, updateTriggers, insertTriggers)) t.afterStatement(ctx);
        }
    }

    @Override public String verb() { return "MERGE"; }
    @Override public String headline() { return "Merge on " + table.name(); }
    @Override public List<PlanNode> sources() { return List.of(source); }
}
