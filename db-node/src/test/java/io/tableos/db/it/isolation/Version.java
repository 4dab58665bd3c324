package io.tableos.db.it.isolation;

/**
 * One version of a row in a randomized history: its value and the transaction that wrote it
 * ({@link #INITIAL_WRITER} for the value the table was created with). Every transaction writes
 * its own id beside the value, so a read names the transaction it read from.
 */
record Version(long writer, long value) {
    static final long INITIAL_WRITER = 0;
}
