package io.tableos.db.txn;

import java.util.NavigableMap;

/**
 * Uncommitted-to-storage changes of one table layered over its stored rows: a transaction's
 * own writes, or writes sequenced but not yet applied. Rows map primary key → new row or
 * {@link WriteBuffer#DELETED}; when {@link #truncated} the rows below are hidden.
 */
interface RowLayer {
    boolean truncated();

    NavigableMap<byte[], byte[]> rows();
}
