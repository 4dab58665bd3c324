package io.tableos.db.sql.session;

import java.util.List;

/**
 * The outcome of executing a statement. For a row-returning statement, rows are pulled with
 * {@link #fetch}: a portal with a row limit fetches in slices (PortalSuspended between),
 * so a large result is never held whole.
 */
public interface StatementResult extends AutoCloseable {

    enum Kind { ROWS, COMMAND, COPY_IN, COPY_OUT, EMPTY_QUERY }

    Kind kind();

    /** Result columns for ROWS (and COPY_OUT); otherwise empty. */
    List<ResultColumn> columns();

    /**
     * Sends up to {@code maxRows} rows (0 = all) to {@code sink}.
     *
     * @return true when more rows remain (the portal is suspended)
     */
    boolean fetch(RowSink sink, int maxRows);

    /** The CommandComplete tag, e.g. {@code SELECT 3}, {@code INSERT 0 1}; valid once all rows were fetched. */
    String commandTag();

    /** For COPY_IN: receives the client's data; for other kinds null. */
    default CopyIn copyIn() { return null; }

    /** For COPY_OUT: true when rows are sent as CSV, false for text format. */
    default boolean copyCsv() { return false; }

    /** A notice to send before the result (e.g. "table does not exist, skipping"), or null. */
    default String notice() { return null; }

    @Override
    default void close() {}
}
