package io.tableos.db.wire.pgwire;

/**
 * Work that may take several worker turns: a simple query or an Execute streaming rows, or
 * one waiting for COPY data. The worker calls {@link #run} again while the channel is
 * writable; messages behind it wait, keeping the protocol's order.
 */
interface Step {
    /** Does a slice of the work; true when finished. Reports its own errors. */
    boolean run();

    /** The connection is gone: release what the step holds. */
    void abort();
}
