package io.tableos.db.storage;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table: rows in off-heap Chronicle Maps ({@link RowMap}: encoded primary key to encoded row), the
 * primary keys again in a {@link PackedKeySet} for ordered scans, and its secondary indexes.
 *
 * <p>Invariant (between writes): the key set equals the map's key set, and each index holds
 * exactly one entry per row its predicate accepts. Writes change the map first on insert
 * and last-but-ordered on delete (map, then key set, then indexes), so a concurrent reader
 * can meet a key whose row is gone; cursors skip such keys, and {@link #indexScan} callers
 * must treat a null {@link #get} as "row deleted meanwhile".
 */
final class ChronicleTableStore implements TableStore {
    /** Longest encoded primary key: with the longest index key it still fits one index entry of a PackedKeySet. */
    static final int PRIMARY_KEY_BYTES_MAX = PackedKeySet.KEY_BYTES_MAX - SecondaryIndex.INDEX_KEY_BYTES_MAX;
    /**
     * No value's key form is more than this many times its row form (the widest: an array of
     * intervals or timestamps near the epoch, one or two row bytes against 13-25 key bytes per
     * element), so a row this short cannot give an index key over the limit.
     */
    static final int KEY_EXPANSION_MAX = 32;
    static final int ROW_BYTES_WITHOUT_INDEX_CHECK = SecondaryIndex.INDEX_KEY_BYTES_MAX / KEY_EXPANSION_MAX;

    private final TableDef def;
    final RowMap rows;
    final PackedKeySet primaryKeys;
    final List<SecondaryIndex> indexes;
    private final Map<Long, SecondaryIndex> indexesById;
    private final boolean hasPartialIndex;
    /**
     * Set while a snapshot cut that includes this table is open ({@link ChronicleSnapshotCut}):
     * writes then save a row's value at the cut before they first change it.
     */
    volatile SnapshotBeforeImages beforeImages;

    ChronicleTableStore(TableDef def, RowMap rows, PackedKeySet primaryKeys, List<SecondaryIndex> indexes) {
        this.def = def;
        this.rows = rows;
        this.primaryKeys = primaryKeys;
        this.indexes = List.copyOf(indexes);
        this.indexesById = this.indexes.stream().collect(Collectors.toUnmodifiableMap(i -> i.def.id(), Function.identity()));
        this.hasPartialIndex = this.indexes.stream().anyMatch(i -> i.def.predicateSql() != null);
    }

    /** {@code grower}: grows the row map past {@code expectedRows} without tiers (null: never). */
    static ChronicleTableStore create(TableDef def, StorageConfig config, long expectedRows, MapGrower grower) {
        List<SecondaryIndex> indexes = def.indexes().stream()
                .map(i -> new SecondaryIndex(def, i, config.predicateCompiler(), new PackedKeySet()))
                .toList();
        return new ChronicleTableStore(def, RowMaps.create(def, config, expectedRows, grower), new PackedKeySet(), indexes);
    }

    @Override
    public TableDef def() {
        return def;
    }

    @Override
    public byte[] get(byte[] primaryKey) {
        return rows.get(primaryKey);
    }

    @Override
    public void put(byte[] primaryKey, byte[] row) {
        byte[][] newKeys = new byte[indexes.size()][];
        for (int i = 0; i < newKeys.length; i++) newKeys[i] = indexes.get(i).keyOfEncodedRow(row); // may throw: before any change
        saveBeforeImage(primaryKey);
        byte[] old = rows.put(primaryKey, row);
        if (old == null) primaryKeys.add(primaryKey, 0);
        for (int i = 0; i < newKeys.length; i++) {
            SecondaryIndex index = indexes.get(i);
            byte[] oldKey = old == null ? null : index.keyOfEncodedRow(old);
            if (Arrays.equals(oldKey, newKeys[i])) continue;
            if (newKeys[i] != null) index.entries.add(SecondaryIndex.entry(newKeys[i], primaryKey), newKeys[i].length);
            if (oldKey != null) index.entries.remove(SecondaryIndex.entry(oldKey, primaryKey));
        }
    }

    @Override
    public void checkStorable(byte[] primaryKey, byte[] row) {
        if (primaryKey.length > PRIMARY_KEY_BYTES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + primaryKey.length
                    + " exceeds maximum " + PRIMARY_KEY_BYTES_MAX + " for index \"" + primaryKeyName() + "\"",
                    null, "Values larger than that cannot be indexed: key the table by a shorter column, or by a hash of the value.", 0, null);
        }
        if (indexes.isEmpty() || (!hasPartialIndex && row.length <= ROW_BYTES_WITHOUT_INDEX_CHECK)) return;
        for (SecondaryIndex index : indexes) index.keyOfEncodedRow(row); // throws as put would
    }

    private String primaryKeyName() {
        return def.primaryKeyName() != null ? def.primaryKeyName() : def.name() + "_pkey";
    }

    /**
     * Snapshot loading: stores a row without maintaining indexes; {@link #rebuildIndexes()}
     * must follow before the store is published.
     */
    void putWithoutIndexes(byte[] primaryKey, byte[] row) {
        if (rows.put(primaryKey, row) == null) primaryKeys.add(primaryKey, 0);
    }

    void rebuildIndexes() {
        for (SecondaryIndex index : indexes) index.rebuildFrom(this);
    }

    @Override
    public boolean delete(byte[] primaryKey) {
        saveBeforeImage(primaryKey);
        byte[] old = rows.remove(primaryKey);
        if (old == null) return false;
        primaryKeys.remove(primaryKey);
        for (SecondaryIndex index : indexes) {
            byte[] oldKey = index.keyOfEncodedRow(old);
            if (oldKey != null) index.entries.remove(SecondaryIndex.entry(oldKey, primaryKey));
        }
        return true;
    }

    /** Must precede every change of the row map: see {@link FrozenTable} for why before. */
    private void saveBeforeImage(byte[] primaryKey) {
        SnapshotBeforeImages images = beforeImages;
        if (images != null) images.saveFirst(primaryKey, rows);
    }

    @Override
    public KeyValueCursor scan(KeyRange range, boolean descending) {
        PackedKeySet.Cursor keys = primaryKeys.cursor(descending ? range.high() : range.low(), descending);
        return new KeyValueCursor() {
            private byte[] key;
            private byte[] value;

            @Override
            public boolean next() {
                while (keys.next()) {
                    byte[] k = keys.key();
                    if (!range.contains(k)) {
                        if (range.isPassedBy(k, descending)) return false;
                        continue;
                    }
                    byte[] v = rows.get(k);
                    if (v == null) continue; // deleted after the key was read
                    key = k;
                    value = v;
                    return true;
                }
                return false;
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public byte[] value() {
                return value;
            }
        };
    }

    @Override
    public KeyValueCursor indexScan(IndexDef index, KeyRange range, boolean descending) {
        PackedKeySet entries = index(index).entries;
        byte[] from;
        if (descending) {
            from = range.high() == null ? null : KeyOrder.prefixEnd(range.high()); // entries of key == high carry a suffix
        } else {
            from = range.low();
        }
        PackedKeySet.Cursor cursor = entries.cursor(from, descending);
        return new KeyValueCursor() {
            private byte[] entry;
            private int split;

            @Override
            public boolean next() {
                while (cursor.next()) {
                    byte[] e = cursor.key();
                    byte[] indexKey = Arrays.copyOf(e, cursor.split());
                    if (!range.contains(indexKey)) {
                        if (range.isPassedBy(indexKey, descending)) return false;
                        continue;
                    }
                    entry = e;
                    split = cursor.split();
                    return true;
                }
                return false;
            }

            @Override
            public byte[] key() {
                return entry;
            }

            @Override
            public byte[] value() {
                return Arrays.copyOfRange(entry, split, entry.length);
            }
        };
    }

    @Override
    public byte[] indexKey(IndexDef index, byte[] row) {
        return index(index).keyOfEncodedRow(row);
    }

    SecondaryIndex index(IndexDef index) {
        SecondaryIndex found = indexesById.get(index.id());
        if (found == null) throw new IllegalArgumentException("index " + index.name() + " (" + index.id() + ") is not on table " + def.qualifiedName());
        return found;
    }

    @Override
    public long rowCount() {
        return primaryKeys.size();
    }

    @Override
    public void clear() {
        // TRUNCATE during a snapshot write waits for it (rare; saving every row would copy the table).
        SnapshotBeforeImages images = beforeImages;
        if (images != null) images.awaitCutClosed();
        for (SecondaryIndex index : indexes) index.entries.clear();
        primaryKeys.clear();
        rows.clear();
    }

    @Override
    public void close() {
        rows.close();
    }

    /** Off-heap bytes the row map holds (Chronicle's own count). */
    long offHeapBytes() {
        return rows.offHeapMemoryUsed();
    }
}
