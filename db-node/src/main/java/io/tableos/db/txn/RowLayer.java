package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.TableStore;
import java.util.NavigableMap;

/**
 * Uncommitted-to-storage changes of one table layered over its stored rows: a transaction's
 * own writes, or writes sequenced but not yet applied. Rows map primary key → new row or
 * {@link WriteBuffer#DELETED}; when {@link #truncated} the rows below are hidden.
 */
interface RowLayer {
    boolean truncated();

    NavigableMap<byte[], byte[]> rows();

    /**
     * The index entries of this layer's live rows (see {@link LayerIndex}), in key order. By
     * default computed from {@link #rows} on each call; a layer read often keeps them instead.
     */
    default NavigableMap<byte[], byte[]> indexEntries(TableStore table, IndexDef index) {
        return LayerIndex.of(table, index, rows());
    }
}
