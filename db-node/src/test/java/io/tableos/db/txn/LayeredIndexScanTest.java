package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.txn.log.LogItem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Index scans through the pending layer as procedures read it (index entries maintained as
 * the layer changes) and through a transaction's own writes, checked against a model: the
 * stored rows overlaid with every layer, indexed and sorted from scratch. Rows are the test
 * double's (index key = the row's first byte).
 */
class LayeredIndexScanTest {
    private final TableDef def = TestCluster.table();
    private final IndexDef index = def.indexes().get(0);
    private final InMemoryStorage.MemTable table = new InMemoryStorage.MemTable(def);
    private final PendingWrites pending = new PendingWrites();
    private final Random random = new Random(42);
    /** Sequence → that item's writes (key → row, null for a delete), until storage applies them. */
    private final TreeMap<Long, Map<byte[], byte[]>> unapplied = new TreeMap<>();
    private long sequence;

    @Test
    void maintainedEntriesMatchTheRowsThroughPutsDeletesPrunesAndOwnWrites() {
        for (int k = 0; k < 200; k++) table.put(key(k), row(random.nextInt(8)));
        for (int round = 0; round < 300; round++) {
            sequenceWrites(1 + random.nextInt(20));
            if (random.nextInt(3) == 0) applyAndPrune(sequence - random.nextInt(5));
            WriteBuffer own = new WriteBuffer(1 << 20, 1 << 20);
            for (int i = random.nextInt(4); i > 0; i--) {
                byte[] r = random.nextInt(4) == 0 ? WriteBuffer.DELETED : row(random.nextInt(8));
                own.put(table, key(random.nextInt(240)), r);
            }
            KeyRange range = randomRange();
            boolean descending = random.nextBoolean();
            List<RowLayer> layers = new ArrayList<>();
            PendingWrites.PendingTable layer = pending.table(def.id());
            if (layer != null) layers.add(layer.underSequencerLock());
            if (own.table(def.id()) != null) layers.add(own.table(def.id()));
            assertEquals(expected(layers, range, descending), scanned(layers, range, descending), "round " + round);
        }
    }

    @Test
    void aScanOfTheMaintainedLayerComputesNoIndexKeysOfUnchangedRows() {
        sequenceWrites(1_000);
        RowLayer layer = pending.table(def.id()).underSequencerLock();
        scanned(List.of(layer), KeyRange.ALL, false);  // the first scan builds the layer's entries
        sequenceWrites(1);
        int before = table.indexKeyCalls.get();
        scanned(List.of(layer), KeyRange.point(new byte[] {3}), false);
        assertEquals(0, table.indexKeyCalls.get() - before, "index keys computed by a scan of the maintained layer");
    }

    private void sequenceWrites(int count) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        Map<byte[], byte[]> writes = new TreeMap<>(KeyOrder.COMPARATOR);
        for (int i = 0; i < count; i++) {
            byte[] k = key(random.nextInt(240));
            if (writes.containsKey(k)) continue;
            byte[] r = random.nextInt(5) == 0 ? null : row(random.nextInt(8));
            keys.add(k);
            rows.add(r);
            writes.put(k, r);
        }
        sequence++;
        pending.add(new LogItem.TxnWrites(List.of(new LogItem.TableWrites(def.id(), false, keys, rows)), List.of(), List.of()), sequence);
        unapplied.put(sequence, writes);
    }

    /** Storage applies everything up to {@code applied}, then the pending layer forgets it, as on the leader. */
    private void applyAndPrune(long applied) {
        while (!unapplied.isEmpty() && unapplied.firstKey() <= applied) {
            for (Map.Entry<byte[], byte[]> w : unapplied.pollFirstEntry().getValue().entrySet()) {
                if (w.getValue() == null) table.delete(w.getKey());
                else table.put(w.getKey(), w.getValue());
            }
        }
        pending.prune(applied);
    }

    private List<Long> scanned(List<RowLayer> layers, KeyRange range, boolean descending) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueCursor c = LayeredRows.indexScan(table, index, range, descending, layers)) {
            while (c.next()) keys.add(ByteBuffer.wrap(c.value()).getLong());
        }
        return keys;
    }

    private List<Long> expected(List<RowLayer> layers, KeyRange range, boolean descending) {
        TreeMap<byte[], byte[]> rows = new TreeMap<>(KeyOrder.COMPARATOR);
        rows.putAll(table.rows);
        for (RowLayer layer : layers) {
            for (Map.Entry<byte[], byte[]> e : layer.rows().entrySet()) {
                if (e.getValue() == WriteBuffer.DELETED) rows.remove(e.getKey());
                else rows.put(e.getKey(), e.getValue());
            }
        }
        TreeMap<byte[], Long> entries = new TreeMap<>(KeyOrder.COMPARATOR);
        for (Map.Entry<byte[], byte[]> e : rows.entrySet()) {
            byte[] indexKey = table.indexKey(index, e.getValue());
            if (range.contains(indexKey)) entries.put(LayeredRows.concat(indexKey, e.getKey()), ByteBuffer.wrap(e.getKey()).getLong());
        }
        return new ArrayList<>(descending ? entries.descendingMap().values() : entries.values());
    }

    private KeyRange randomRange() {
        byte low = (byte) random.nextInt(8);
        byte high = (byte) (low + random.nextInt(8 - low));
        return switch (random.nextInt(4)) {
            case 0 -> KeyRange.ALL;
            case 1 -> KeyRange.point(new byte[] {low});
            case 2 -> new KeyRange(new byte[] {low}, random.nextBoolean(), new byte[] {high}, random.nextBoolean());
            default -> new KeyRange(null, true, new byte[] {high}, false);
        };
    }

    private static byte[] key(long k) {
        return ByteBuffer.allocate(8).putLong(k).array();
    }

    private byte[] row(int indexByte) {
        return new byte[] {(byte) indexByte, (byte) random.nextInt(256)};
    }
}
