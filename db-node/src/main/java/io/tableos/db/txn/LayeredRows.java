package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads of a table through layers of changes not yet in storage (oldest layer first):
 * point lookups, primary-key scans and index scans. Index entries of layered rows come from
 * {@link RowLayer#indexEntries}, keyed like storage's: index key followed by the primary key,
 * value the primary key.
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

    /**
     * The stored index entries of rows no layer changed, merged with each layer's entries
     * ({@link RowLayer#indexEntries}) of rows no newer layer changed: every row once, in its
     * newest version, in index order.
     */
    static KeyValueCursor indexScan(TableStore table, IndexDef index, KeyRange range, boolean descending,
                                    List<RowLayer> layers) {
        int truncated = lastTruncated(layers);
        List<RowLayer> live = layers.subList(Math.max(truncated, 0), layers.size());
        KeyValueCursor cursor = truncated >= 0 ? MergingCursor.EMPTY : table.indexScan(index, range, descending);
        if (live.stream().allMatch(l -> l.rows().isEmpty())) return cursor;
        cursor = new MergingCursor(cursor, Collections.emptyIterator(), descending, true,
                (key, primaryKey) -> changedAbove(live, -1, primaryKey));
        for (int i = 0; i < live.size(); i++) {
            NavigableMap<byte[], byte[]> entries = entriesIn(live.get(i).indexEntries(table, index), range);
            if (entries.isEmpty()) continue;
            if (descending) entries = entries.descendingMap();
            int layer = i;
            Iterator<Map.Entry<byte[], byte[]>> visible = new FilteringIterator(entries.entrySet().iterator(),
                    e -> range.contains(Arrays.copyOf(e.getKey(), e.getKey().length - e.getValue().length))
                            && !changedAbove(live, layer, e.getValue()));
            cursor = new MergingCursor(cursor, visible, descending, true, null);
        }
        return cursor;
    }

    /** True when a layer above {@code layer} holds a version of the row (which then hides this one). */
    private static boolean changedAbove(List<RowLayer> layers, int layer, byte[] primaryKey) {
        for (int j = layers.size() - 1; j > layer; j--) {
            if (layers.get(j).rows().containsKey(primaryKey)) return true;
        }
        return false;
    }

    /**
     * The entries whose index key may lie in {@code range}: an entry is its index key followed by a primary
     * key, so it sorts at or after its index key and before the end of that key's prefix.
     */
    private static NavigableMap<byte[], byte[]> entriesIn(NavigableMap<byte[], byte[]> entries, KeyRange range) {
        NavigableMap<byte[], byte[]> result = entries;
        if (range.low() != null) result = result.tailMap(range.low(), true);
        byte[] end = range.high() == null ? null : KeyOrder.prefixEnd(range.high());
        if (end != null) result = result.headMap(end, false);
        return result;
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
