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
 * Iterates a key range. Primary-key ranges are read in chunks: up to
 * {@link Limits#SCAN_CHUNK_ROWS} entries or {@link Limits#SCAN_CHUNK_BYTES}, then the storage cursor is closed and reopened
 * after the last key, so no primary-key cursor outlives one chunk. Index ranges stream
 * from one cursor: an index range compares index keys without their primary-key suffix,
 * so a restart after the last full entry key would skip that key's duplicates (storage's
 * ordered key sets are copy-on-write, so an open cursor holds no lock).
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

    void close() {
        if (indexCursor != null) indexCursor.close();
    }

    byte[] value() { return values.get(position); }

    private KeyValueCursor indexCursor;

    private void refill() {
        if (index != null) {
            if (indexCursor == null) indexCursor = transaction.indexScan(store, index, range, descending);
            keys.clear();
            values.clear();
            position = 0;
            if (indexCursor.next()) {
                keys.add(indexCursor.key());
                values.add(indexCursor.value());
            } else {
                indexCursor.close();
                exhausted = true;
            }
            return;
        }
        keys.clear();
        values.clear();
        position = 0;
        boolean full = false;
        try (KeyValueCursor c = transaction.scan(store, range, descending)) {
            long bytes = 0;
            while (!(full = keys.size() >= Limits.SCAN_CHUNK_ROWS || bytes >= Limits.SCAN_CHUNK_BYTES) && c.next()) {
                byte[] key = c.key();
                byte[] value = c.value();
                keys.add(key);
                values.add(value);
                bytes += key.length + value.length;
            }
        }
        if (!full) {
            exhausted = true;
            return;
        }
        byte[] last = keys.get(keys.size() - 1);
        range = descending ? new KeyRange(range.low(), range.lowInclusive(), last, false)
                : new KeyRange(last, false, range.high(), range.highInclusive());
    }
}
