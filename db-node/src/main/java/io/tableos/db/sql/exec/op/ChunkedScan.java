package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Iterates a key range in chunks: reads up to {@link Limits#SCAN_CHUNK_ROWS} entries, closes
 * the storage cursor, and reopens after the last key when more are needed. So no storage
 * cursor (and no lock it may hold) outlives one call, and a suspended portal holds none.
 */
final class ChunkedScan {
    private final Transaction transaction;
    private final TableStore store;
    private final IndexDef index;
    private final boolean descending;
    private KeyRange range;
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private int position;
    private boolean exhausted;

    ChunkedScan(Transaction transaction, TableStore store, IndexDef index, KeyRange range, boolean descending) {
        this.transaction = transaction;
        this.store = store;
        this.index = index;
        this.range = range;
        this.descending = descending;
    }

    /** Advances; false at the end. */
    boolean next() {
        position++;
        if (position < keys.size()) return true;
        if (exhausted) return false;
        refill();
        return position < keys.size();
    }

    byte[] key() { return keys.get(position); }

    byte[] value() { return values.get(position); }

    private void refill() {
        keys.clear();
        values.clear();
        position = 0;
        try (KeyValueCursor c = index == null ? transaction.scan(store, range, descending)
                : transaction.indexScan(store, index, range, descending)) {
            while (keys.size() < Limits.SCAN_CHUNK_ROWS && c.next()) {
                keys.add(c.key());
                values.add(c.value());
            }
        }
        if (keys.size() < Limits.SCAN_CHUNK_ROWS) {
            exhausted = true;
            return;
        }
        byte[] last = keys.get(keys.size() - 1);
        range = descending ? new KeyRange(range.low(), range.lowInclusive(), last, false)
                : new KeyRange(last, false, range.high(), range.highInclusive());
    }
}
