package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A table as of a snapshot: storage's newest rows corrected by the {@link TableVersions}.
 * Read-only; the transaction layer puts its own and locked rows above it.
 *
 * <p>Why scans stay consistent while the apply thread writes storage beside them: a change
 * links its version (and its deleted-key or removed-index-entry record) before it touches
 * storage. Every row a storage cursor returns is corrected through its chain, read after the
 * row. A row deleted (or an index entry removed) during the scan is either returned by the
 * storage cursor or, once the cursor has passed its place, found by the lookup of the next
 * recorded key, which is repeated after every step of the storage cursor, so it sees every
 * record linked before that step.
 */
final class SnapshotTable implements TableStore {
    private final TableStore base;
    private final TableVersions versions;
    private final long snapshot;

    SnapshotTable(TableStore base, TableVersions versions, long snapshot) {
        this.base = base;
        this.versions = versions;
        this.snapshot = snapshot;
    }

    /** True when the table was truncated or rewritten after the snapshot: it reads as empty (as in PostgreSQL). */
    private boolean replacedSince() {
        return versions.replacedAt > snapshot;
    }

    @Override
    public TableDef def() {
        return base.def();
    }

    @Override
    public byte[] get(byte[] primaryKey) {
        if (replacedSince()) return null;
        byte[] current = base.get(primaryKey);
        return versions.resolve(primaryKey, current, snapshot);
    }

    @Override
    public KeyValueCursor scan(KeyRange range, boolean descending) {
        if (replacedSince()) return MergingCursor.EMPTY;
        return new SnapshotCursor(base.scan(range, descending), versions.deletedKeys, range, descending, null);
    }

    @Override
    public KeyValueCursor indexScan(IndexDef index, KeyRange range, boolean descending) {
        if (replacedSince()) return MergingCursor.EMPTY;
        return new SnapshotCursor(base.indexScan(index, range, descending), versions.removedEntries(index.id()),
                range, descending, index);
    }

    @Override
    public byte[] indexKey(IndexDef index, byte[] row) {
        return base.indexKey(index, row);
    }

    @Override
    public long rowCount() {
        return base.rowCount();
    }

    @Override
    public void put(byte[] primaryKey, byte[] row) {
        throw new UnsupportedOperationException("a snapshot is read-only");
    }

    @Override
    public boolean delete(byte[] primaryKey) {
        throw new UnsupportedOperationException("a snapshot is read-only");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("a snapshot is read-only");
    }

    @Override
    public void close() {}

    /**
     * Storage's cursor merged with the keys recorded as gone from storage (deleted rows, or
     * removed index entries), each candidate checked against the snapshot. For a primary-key
     * scan the key is the primary key and the value the row; for an index scan the key is the
     * index entry (index key, then primary key) and the value the primary key.
     */
    private final class SnapshotCursor implements KeyValueCursor {
        private final KeyValueCursor stored;
        private final ConcurrentSkipListMap<byte[], ?> gone;
        private final KeyRange range;
        private final boolean descending;
        private final IndexDef index;
        private byte[] storedKey, storedValue;
        private boolean storedDone;
        /** The last candidate considered: recorded keys are looked up beyond it. */
        private byte[] last;
        private byte[] key, value;

        SnapshotCursor(KeyValueCursor stored, ConcurrentSkipListMap<byte[], ?> gone, KeyRange range,
                       boolean descending, IndexDef index) {
            this.stored = stored;
            this.gone = gone;
            this.range = range;
            this.descending = descending;
            this.index = index;
        }

        @Override
        public boolean next() {
            while (true) {
                if (storedKey == null && !storedDone) {
                    if (stored.next()) {
                        storedKey = stored.key();
                        storedValue = stored.value();
                    } else {
                        storedDone = true;
                    }
                }
                byte[] goneKey = nextGone();
                if (storedKey == null && goneKey == null) return false;
                int c = storedKey == null ? 1 : goneKey == null ? -1 : order(storedKey, goneKey);
                byte[] candidate;
                boolean visible;
                if (c <= 0) {
                    candidate = storedKey;
                    visible = index == null ? checkRow(candidate, storedValue) : checkEntry(candidate, storedValue, true);
                    storedKey = storedValue = null;
                } else {
                    candidate = goneKey;
                    visible = index == null ? checkRow(candidate, base.get(candidate)) : checkRemovedEntry(candidate);
                }
                last = candidate;
                if (visible) return true;
            }
        }

        /** A removed index entry; one pruned since it was found was removed before the snapshot, so it is not the snapshot's. */
        private boolean checkRemovedEntry(byte[] entry) {
            int split = splitOf(entry);
            if (split < 0) {
                key = entry;
                return false;
            }
            return checkEntry(entry, Arrays.copyOfRange(entry, split, entry.length), false);
        }

        private int order(byte[] a, byte[] b) {
            int c = KeyOrder.compare(a, b);
            return descending ? -c : c;
        }

        /** Primary-key scan: the row as of the snapshot, given the current one. */
        private boolean checkRow(byte[] primaryKey, byte[] current) {
            byte[] row = versions.resolve(primaryKey, current, snapshot);
            key = primaryKey;
            value = row;
            return row != null;
        }

        /**
         * Index scan: the entry is the snapshot's when the row as of the snapshot has this index
         * key. A stored entry of a row unchanged since the snapshot is (storage keeps the index
         * of its current rows); a removed one must be checked whatever the row's history.
         */
        private boolean checkEntry(byte[] entry, byte[] primaryKey, boolean stored) {
            key = entry;
            value = primaryKey;
            if (stored && !versions.changedAfter(primaryKey, snapshot)) return true;
            byte[] row = versions.resolve(primaryKey, base.get(primaryKey), snapshot);
            if (row == null) return false;
            byte[] indexKey = base.indexKey(index, row);
            return indexKey != null && indexKey.length == entry.length - primaryKey.length
                    && Arrays.equals(indexKey, 0, indexKey.length, entry, 0, indexKey.length);
        }

        /** Where the index key of a removed entry ends; -1 when the record is gone (pruned meanwhile). */
        private int splitOf(byte[] entry) {
            Object removed = gone.get(entry);
            return removed instanceof TableVersions.RemovedEntry r ? r.split() : -1;
        }

        /** The next recorded key beyond {@link #last} within the range, or null. */
        private byte[] nextGone() {
            if (gone == null || gone.isEmpty()) return null;
            byte[] k = last != null ? step(last) : first();
            while (k != null) {
                int split = index == null ? k.length : splitOf(k);
                // split < 0: pruned since found (no snapshot open here needs it); look further.
                if (split >= 0) {
                    byte[] rangeKey = index == null ? k : Arrays.copyOf(k, split);
                    if (range.contains(rangeKey)) return k;
                    if (range.isPassedBy(rangeKey, descending)) return null;
                }
                k = step(k);
            }
            return null;
        }

        private byte[] first() {
            if (!descending) return range.low() == null ? firstKey() : gone.ceilingKey(range.low());
            if (range.high() == null) return lastKey();
            if (index == null) return gone.floorKey(range.high());
            // Index entries of key == high carry a primary-key suffix, so they sort after high.
            byte[] end = KeyOrder.prefixEnd(range.high());
            return end == null ? lastKey() : gone.lowerKey(end);
        }

        private byte[] step(byte[] from) {
            return descending ? gone.lowerKey(from) : gone.higherKey(from);
        }

        private byte[] firstKey() {
            var e = gone.firstEntry();
            return e == null ? null : e.getKey();
        }

        private byte[] lastKey() {
            var e = gone.lastEntry();
            return e == null ? null : e.getKey();
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public byte[] value() {
            return value;
        }

        @Override
        public void close() {
            stored.close();
        }
    }
}
