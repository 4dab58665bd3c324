package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.storage.TableStore;

/** Inserting one full row outside an INSERT statement (COPY FROM): coercion, NOT NULL, key, 23505 detail. */
public final class TableWriter {
    private TableWriter() {}

    /** {@code row} has one value per column (defaults already applied); values are cast to the column types. */
    public static void insert(ExecContext ctx, TableDef table, Object[] row) {
        RowWriter.checkWritable(ctx);
        TableStore store = ctx.storage().table(table.id());
        Object[] coerced = RowWriter.coerce(table, row);
        RowWriter.insert(ctx, store, RowWriter.newPrimaryKey(ctx, table, coerced), coerced);
    }
}
