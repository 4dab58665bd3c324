package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.constraint.DeferredChecks;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * INSERT: {@code source} yields one value per target column ({@code targetColumns[i]} is
 * the table ordinal of source column i; a value marked {@link #DEFAULT} takes the default);
 * other columns get their DEFAULT expression (or NULL). ON CONFLICT looks the new row's
 * arbiter key up first and skips or updates the existing row (locked) instead.
 * {@code constraints} (null when the table has no CHECK or FOREIGN KEY and none references
 * it) checks each new row before it is written and the foreign keys at the end.
 */
public record InsertExecutor(TableDef table, PlanNode source, int[] targetColumns, Expr[] defaults, OnConflict onConflict,
                             List<Expr> returning, TableConstraints constraints) implements DmlExecutor {

    /** Marker value produced by a DEFAULT in a VALUES list. */
    public static final Object DEFAULT = new Object() {
        @Override public String toString() { return "DEFAULT"; }
    };

    /**
     * @param arbiter     unique index that decides a conflict, or null for the primary key
     * @param assignments DO UPDATE SET over the layout existing row (+ pk slot) ++ EXCLUDED row (+ pk slot); null for DO NOTHING
     * @param where       DO UPDATE ... WHERE over the same layout, or null
     */
    public record OnConflict(IndexDef arbiter, List<Assignment> assignments, Expr where) {
        public boolean doNothing() { return assignments == null; }
    }

    @Override
    public DmlResult execute(ExecContext ctx) {
        RowWriter.checkWritable(ctx);
        TableStore store = ctx.storage().table(table.id());
        List<Object[]> sourceRows = TargetRows.readAll(ctx, source, "INSERT source");
        List<Object[]> returned = new ArrayList<>();
        long count = 0;
        DeferredChecks work = constraints == null ? null : constraints.startStatement();
        TableTriggers triggers = TableTriggers.of(ctx, table, TriggerDef.INSERT, null);
        if (triggers != null) triggers.beforeStatement(ctx);
        for (Object[] values : sourceRows) {
            ctx.checkInterrupts();
            Object[] result = insertOne(ctx, store, values, work, triggers);
            if (result == null) continue;
            count++;
            if (!returning.isEmpty()) returned.add(TargetRows.evalAll(returning, result, ctx));
        }
        if (work != null) work.finish(ctx);
        if (triggers != null) triggers.finish(ctx);
        return new DmlResult(count, returned);
    }

    /**
     * Inserts (or, with ON CONFLICT, upserts) the row of one source row: {@code values} as the
     * source yields them. Returns the written row with its key slot, or null when nothing was
     * written. MERGE's WHEN NOT MATCHED THEN INSERT runs through here too.
     */
    Object[] insertOne(ExecContext ctx, TableStore store, Object[] values, DeferredChecks work, TableTriggers triggers) {
        int n = table.columns().size();
        Object[] row = new Object[n];
        boolean[] given = new boolean[n];
        for (int i = 0; i < targetColumns.length; i++) {
            if (values[i] == DEFAULT) continue;
            row[targetColumns[i]] = values[i];
            given[targetColumns[i]] = true;
        }
        for (int c = 0; c < n; c++) if (!given[c] && defaults[c] != null) row[c] = defaults[c].eval(null, ctx);
        row = RowWriter.coerce(table, row);
        if (triggers != null) {
            row = triggers.beforeRow(ctx, null, row);
            if (row == null) return null;
            row = RowWriter.coerce(table, row);
        }
        byte[] pk = RowWriter.newPrimaryKey(ctx, table, row);
        return onConflict == null ? insert(ctx, store, pk, row, work, triggers) : upsert(ctx, store, pk, row, work, triggers);
    }

    private Object[] insert(ExecContext ctx, TableStore store, byte[] pk, Object[] row, DeferredChecks work, TableTriggers triggers) {
        if (work != null) constraints.checkRow(ctx, row);
        RowWriter.insert(ctx, store, pk, row);
        if (work != null) constraints.inserted(work, row);
        if (triggers != null) triggers.afterRow(null, row);
        return withKey(row, pk);
    }

    private static Object[] withKey(Object[] row, byte[] pk) {
        Object[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = pk;
        return out;
    }

    /** Returns the inserted or updated row (with key slot), or null when nothing was written. */
    private Object[] upsert(ExecContext ctx, TableStore store, byte[] pk, Object[] row, DeferredChecks work, TableTriggers triggers) {
        Transaction txn = ctx.transaction();
        for (int attempt = 0; attempt < 2; attempt++) {
            byte[] existingKey = existingKey(ctx, store, pk, row);
            if (existingKey == null) {
                try {
                    return insert(ctx, store, pk, row, work, triggers);
                } catch (DbException e) {
                    if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) || attempt > 0) throw e;
                    continue;
                }
            }
            if (onConflict.doNothing()) return null;
            byte[] current = txn.lockRow(store, existingKey, Transaction.LockWait.WAIT);
            if (current == null) continue;
            Object[] existing = withKey(RowCodec.decode(table, current), existingKey);
            Object[] combined = Arrays.copyOf(existing, existing.length * 2);
            Object[] excluded = withKey(row, pk);
            System.arraycopy(excluded, 0, combined, existing.length, excluded.length);
            if (onConflict.where() != null && !Exprs.isTrue(onConflict.where().eval(combined, ctx))) return null;
            Object[] newValues = Arrays.copyOf(existing, table.columns().size());
            for (Assignment a : onConflict.assignments()) newValues[a.column()] = a.value().eval(combined, ctx);
            newValues = RowWriter.coerce(table, newValues);
            if (work != null) constraints.checkRow(ctx, newValues);
            byte[] newPk = table.hasHiddenKey() ? existingKey : KeyCodec.primaryKey(table, newValues, 0);
            if (Arrays.equals(newPk, existingKey)) {
                RowWriter.update(ctx, store, existingKey, newValues);
            } else {
                txn.delete(store, existingKey);
                RowWriter.insert(ctx, store, newPk, newValues);
            }
            if (work != null) constraints.updated(work, Arrays.copyOf(existing, table.columns().size()), newValues);
            return withKey(newValues, newPk);
        }
        throw new DbException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }

    private byte[] existingKey(ExecContext ctx, TableStore store, byte[] pk, Object[] row) {
        IndexDef arbiter = onConflict.arbiter();
        if (arbiter == null) return ctx.transaction().get(store, pk) == null ? null : pk;
        for (int c : arbiter.columns()) if (row[c] == null) return null;
        byte[] indexKey = store.indexKey(arbiter, RowCodec.encode(table, row));
        if (indexKey == null) return null;
        try (KeyValueCursor cursor = ctx.transaction().indexScan(store, arbiter, KeyRange.point(indexKey), false)) {
            return cursor.next() ? cursor.value() : null;
        }
    }

    @Override public String verb() { return "INSERT"; }
    @Override public String headline() { return "Insert on " + table.name() + (onConflict == null ? "" : " (on conflict " + (onConflict.doNothing() ? "do nothing" : "do update") + ")"); }
    @Override public List<PlanNode> sources() { return List.of(source); }
}
