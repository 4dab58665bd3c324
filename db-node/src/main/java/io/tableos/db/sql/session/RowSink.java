package io.tableos.db.sql.session;

/** Receives result rows; the wire layer encodes each straight into its outbound buffer. */
@FunctionalInterface
public interface RowSink {
    /** {@code row} is only valid during the call: the producer may reuse the array. */
    void accept(Object[] row);
}
