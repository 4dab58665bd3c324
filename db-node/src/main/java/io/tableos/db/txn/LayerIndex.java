package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.TableStore;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One index's entries for the rows of one {@link RowLayer}, keyed as storage keys them (index
 * key followed by the primary key, value the primary key): only live rows (not
 * {@link WriteBuffer#DELETED}) that the index holds (a partial index's predicate true).
 *
 * <p>{@link #of} computes them from a layer's rows, a copy per call. A maintained instance
 * ({@link #maintained}) is kept equal to its layer's rows by {@link #changed}, which its owner
 * calls for every row the layer gains, replaces or loses, so an index scan over a large
 * layer (the leader's pending writes, which every procedure reads) costs O(log n) per
 * entry read instead of a copy and a sort of the whole layer.
 */
final class LayerIndex {
    private final TableDef def;
    private final IndexDef index;
    private final TableStore table;
    private final ConcurrentSkipListMap<byte[], byte[]> entries = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);

    private LayerIndex(TableStore table, IndexDef index) {
        this.def = table.def();
        this.index = index;
        this.table = table;
    }

    /** The index entries of {@code rows} (primary key → row or DELETED), computed now. */
    static NavigableMap<byte[], byte[]> of(TableStore table, IndexDef index, Map<byte[], byte[]> rows) {
        TreeMap<byte[], byte[]> result = new TreeMap<>(KeyOrder.COMPARATOR);
        // Entry by entry: a pending layer may shrink under the apply thread while this reads it.
        for (Map.Entry<byte[], byte[]> e : rows.entrySet()) {
            byte[] entry = entry(table, index, e.getKey(), e.getValue());
            if (entry != null) result.put(entry, e.getKey());
        }
        return result;
    }

    /** A maintained index of {@code rows}, starting from their entries now. */
    static LayerIndex maintained(TableStore table, IndexDef index, Map<byte[], byte[]> rows) {
        LayerIndex li = new LayerIndex(table, index);
        li.entries.putAll(of(table, index, rows));
        return li;
    }

    /** True while this index still describes {@code index} of the table as {@code table} defines it now. */
    boolean describes(TableStore table, IndexDef index) {
        return table.def() == def && index.id() == this.index.id();
    }

    NavigableMap<byte[], byte[]> entries() {
        return entries;
    }

    /** The layer's row {@code primaryKey} went from {@code oldRow} to {@code newRow} (each null or DELETED: absent). */
    void changed(byte[] primaryKey, byte[] oldRow, byte[] newRow) {
        byte[] oldEntry = entry(table, index, primaryKey, oldRow);
        byte[] newEntry = entry(table, index, primaryKey, newRow);
        if (oldEntry != null) entries.remove(oldEntry);
        if (newEntry != null) entries.put(newEntry, primaryKey);
    }

    void clear() {
        entries.clear();
    }

    private static byte[] entry(TableStore table, IndexDef index, byte[] primaryKey, byte[] row) {
        if (row == null || row == WriteBuffer.DELETED) return null;
        byte[] indexKey = table.indexKey(index, row);
        return indexKey == null ? null : LayeredRows.concat(indexKey, primaryKey);
    }
}
