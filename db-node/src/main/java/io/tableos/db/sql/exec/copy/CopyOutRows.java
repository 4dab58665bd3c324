package io.tableos.db.sql.exec.copy;

import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.session.ResultColumn;
import java.util.List;

/**
 * COPY ... TO STDOUT as rows for the wire layer: each produced row is
 * {@code Object[]{byte[] line}}, one CopyData message, the line ending with a newline
 * (first the header line when requested). {@link #count()} is the number of data rows,
 * for the tag {@code COPY n}.
 */
public final class CopyOutRows implements RowIterator {
    private final RowIterator rows;
    private final CopyRowFormatter formatter;
    private boolean headerPending;
    private long count;

    public CopyOutRows(RowIterator rows, List<ResultColumn> columns, CopyFormat format) {
        this.rows = rows;
        this.formatter = new CopyRowFormatter(format, columns);
        this.headerPending = format.header();
    }

    @Override
    public Object[] next() {
        if (headerPending) {
            headerPending = false;
            return new Object[] {formatter.header()};
        }
        Object[] row = rows.next();
        if (row == null) return null;
        count++;
        return new Object[] {formatter.format(row)};
    }

    public long count() { return count; }

    @Override
    public void close() { rows.close(); }
}
