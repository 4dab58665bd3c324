package io.tableos.db.sql.exec.copy;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.dml.TableWriter;
import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;

/**
 * COPY table FROM STDIN: parses the client's data as it arrives and inserts each row into
 * the context's transaction at once (nothing but the current line is buffered here).
 * Columns not listed get their DEFAULT. The caller commits or rolls back the transaction;
 * after {@link #fail} or an error the rows written so far are the caller's to discard.
 */
public final class CopyInWriter implements CopyIn {
    private final ExecContext ctx;
    private final TableDef table;
    private final int[] targetColumns;
    private final Expr[] defaults;
    private final CopyRowParser parser;
    private long rows;
    private boolean failed;

    /**
     * @param targetColumns table ordinal of each field of a data row
     * @param defaults      per table column, its DEFAULT expression or null
     */
    public CopyInWriter(ExecContext ctx, TableDef table, int[] targetColumns, Expr[] defaults, CopyFormat format) {
        this.ctx = ctx;
        this.table = table;
        this.targetColumns = targetColumns;
        this.defaults = defaults;
        this.parser = new CopyRowParser(format, this::insert);
    }

    @Override
    public int columnCount() {
        return targetColumns.length;
    }

    @Override
    public void data(byte[] chunk, int offset, int length) {
        if (failed) return;
        try {
            parser.feed(chunk, offset, length);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public String done() {
        if (failed) throw new DbException(SqlState.IN_FAILED_SQL_TRANSACTION, "COPY already failed");
        parser.finish();
        return "COPY " + rows;
    }

    @Override
    public void fail(String reason) {
        failed = true;
    }

    private void insert(String[] fields) {
        ctx.checkInterrupts();
        if (fields.length != targetColumns.length) {
            throw new DbException("22P04", fields.length < targetColumns.length ? "missing data for column \""
                    + table.columns().get(targetColumns[fields.length]).name() + "\"" : "extra data after last expected column")
                    .withDetail("COPY " + table.name() + ", line " + parser.rowNumber());
        }
        Object[] row = new Object[table.columns().size()];
        boolean[] given = new boolean[row.length];
        for (int i = 0; i < fields.length; i++) {
            int c = targetColumns[i];
            given[c] = true;
            try {
                row[c] = fields[i] == null ? null : TextFormat.parse(fields[i], table.columns().get(c).type());
            } catch (DbException e) {
                throw e.withDetail("COPY " + table.name() + ", line " + parser.rowNumber() + ", column " + table.columns().get(c).name());
            }
        }
        for (int c = 0; c < row.length; c++) if (!given[c] && defaults[c] != null) row[c] = defaults[c].eval(null, ctx);
        TableWriter.insert(ctx, table, row);
        rows++;
    }
}
