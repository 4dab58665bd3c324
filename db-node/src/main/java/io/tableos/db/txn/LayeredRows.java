package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads of a table through layers of changes not yet in storage (oldest layer first):
 * point lookups, primary-key scans and index scans. Index entries of layered rows are
 * computed with {@link TableStore#indexKey} and keyed like storage's: index key followed by
 * the primary key, value the primary key.
 */
final class LayeredRows {
    private LayeredRows() {}

    /** The row with {@code key} as the layers see it; {@code null} for absent. */
    static byte[] get(TableStore table, byte[] key, List<RowLayer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            RowLayer layer = layers.get(i);
            byte[] row = layer.rows().get(key);
            if (row != null) return row == WriteBuffer.DELETED ? null : row;
            if (layer.truncated()) return null;
        }
        return table.get(key);
    }

    static KeyValueCursor scan(TableStore table, KeyRange range, boolean descending, List<RowLayer> layers) {
        int start = lastTruncated(layers);
        KeyValueCursor cursor = start >= 0 ? MergingCursor.EMPTY : table.scan(range, descending);
        for (int i = Math.max(start, 0); i < layers.size(); i++) {
            NavigableMap<byte[], byte[]> rows = subMap(layers.get(i).rows(), range);
            if (rows.isEmpty()) continue;
            if (descending) rows = rows.descendingMap();
            cursor = new MergingCursor(cursor, rows.entrySet().iterator(), descending, false, null);
        }
        return cursor;
    }

    static KeyValueCursor indexScan(TableStore table, IndexDef index, KeyRange range, boolean descending,
                                    List<RowLayer> layers) {
        int start = lastTruncated(layers);
        // Newest version of every layered row; hides the stored index entries of those rows.
        TreeMap<byte[], byte[]> changed = new TreeMap<>(KeyOrder.COMPARATOR);
        for (int i = Math.max(start, 0); i < layers.size(); i++) {
            // Entry by entry: TreeMap.putAll of a sorted map trusts its size(), which a pending
            // layer shrinking under the apply thread breaks (NoSuchElementException).
            for (Map.Entry<byte[], byte[]> e : layers.get(i).rows().entrySet()) changed.put(e.getKey(), e.getValue());
        }
        KeyValueCursor stored = start >= 0 ? MergingCursor.EMPTY : table.indexScan(index, range, descending);
        if (changed.isEmpty()) return stored;
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : changed.entrySet()) {
            if (e.getValue() == WriteBuffer.DELETED) continue;
            byte[] indexKey = table.indexKey(index, e.getValue());
            if (indexKey == null || !range.contains(indexKey)) continue;
            entries.add(new AbstractMap.SimpleImmutableEntry<>(concat(indexKey, e.getKey()), e.getKey()));
        }
        Comparator<Map.Entry<byte[], byte[]>> order = (a, b) -> {
            int c = KeyOrder.compare(a.getKey(), b.getKey());
            return c != 0 ? c : KeyOrder.compare(a.getValue(), b.getValue());
        };
        entries.sort(descending ? order.reversed() : order);
        return new MergingCursor(stored, entries.iterator(), descending, true,
                (key, primaryKey) -> changed.containsKey(primaryKey));
    }

    private static int lastTruncated(List<RowLayer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).truncated()) return i;
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    static NavigableMap<byte[], byte[]> subMap(NavigableMap<byte[], byte[]> map, KeyRange range) {
        NavigableMap<byte[], byte[]> result = map;
        if (range.low() != null) result = result.tailMap(range.low(), range.lowInclusive());
        if (range.high() != null) result = result.headMap(range.high(), range.highInclusive());
        return result;
    }
}
