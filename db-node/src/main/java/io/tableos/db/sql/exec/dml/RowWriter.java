package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;
import java.util.ArrayList;
import java.util.List;

/** Shared steps of writing a row: type coercion, NOT NULL, key encoding, error details. */
final class RowWriter {
    private RowWriter() {}

    /** Casts each value to its column type (assignment cast: 22001 for too-long varchar) and checks NOT NULL. */
    static Object[] coerce(TableDef table, Object[] row) {
        Object[] out = new Object[table.columns().size()];
        for (int i = 0; i < out.length; i++) {
            ColumnDef c = table.columns().get(i);
            Object v = Casts.cast(row[i], c.type());
            if (v == null && (c.notNull() || table.primaryKey().contains(i))) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name() + "\" of relation \""
                        + table.name() + "\" violates not-null constraint", "Failing row contains " + describeRow(table, out, row) + ".", null, 0, null);
            }
            out[i] = v;
        }
        return out;
    }

    private static String describeRow(TableDef table, Object[] partial, Object[] raw) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Object v = raw[i];
            values.add(v == null ? "null" : TextFormat.format(Casts.cast(v, table.columns().get(i).type()), table.columns().get(i).type()));
        }
        return "(" + String.join(", ", values) + ")";
    }

    /** The encoded primary key of a coerced row; a hidden-key table draws a new row id. */
    static byte[] newPrimaryKey(ExecContext ctx, TableDef table, Object[] row) {
        if (!table.hasHiddenKey()) return KeyCodec.primaryKey(table, row, 0);
        SequenceDef seq = ctx.catalog().sequence(table.hiddenKeySequenceId());
        if (seq == null) throw new IllegalStateException("hidden key sequence missing for " + table.qualifiedName());
        return KeyCodec.primaryKey(table, row, ctx.transaction().nextval(seq));
    }

    static void insert(ExecContext ctx, TableStore store, byte[] primaryKey, Object[] row) {
        try {
            ctx.transaction().insert(store, primaryKey, RowCodec.encode(store.def(), row));
        } catch (DbException e) {
            throw withKeyDetail(e, store.def(), row);
        }
    }

    static void update(ExecContext ctx, TableStore store, byte[] primaryKey, Object[] row) {
        try {
            ctx.transaction().update(store, primaryKey, RowCodec.encode(store.def(), row));
        } catch (DbException e) {
            throw withKeyDetail(e, store.def(), row);
        }
    }

    /** Adds PostgreSQL's {@code Key (a, b)=(1, 2) already exists.} to a 23505 that lacks it. */
    static DbException withKeyDetail(DbException e, TableDef table, Object[] row) {
        if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) || e.detail() != null) return e;
        List<Integer> columns = table.primaryKey();
        for (IndexDef index : table.indexes()) {
            if (e.getMessage() != null && e.getMessage().contains("\"" + index.name() + "\"")) columns = index.columns();
        }
        List<String> names = new ArrayList<>(), values = new ArrayList<>();
        for (int i : columns) {
            names.add(table.columns().get(i).name());
            values.add(String.valueOf(TextFormat.format(row[i], table.columns().get(i).type())));
        }
        return e.withDetail("Key (" + String.join(", ", names) + ")=(" + String.join(", ", values) + ") already exists.");
    }

    static void checkWritable(ExecContext ctx) {
        if (!ctx.transactionManager().isLeader()) throw ctx.transactionManager().notLeaderError("statement");
        if (ctx.transaction().readOnly()) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute statement in a read-only transaction");
        }
    }
}
