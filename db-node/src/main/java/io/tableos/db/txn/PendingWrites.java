package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.txn.log.LogItem.TxnWrites;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Writes sequenced on the leader but not yet applied, as a {@link RowLayer} per table:
 * procedures read through it to see the latest state, and inserts check it for duplicate
 * keys. Mutated only by the sequencer thread (which also prunes what has been applied, so a
 * procedure never sees an entry vanish mid-read); other threads only read. Procedures read
 * through {@link PendingTable#underSequencerLock}, whose index entries are maintained here.
 */
final class PendingWrites {

    static final class PendingTable implements RowLayer {
        final ConcurrentSkipListMap<byte[], byte[]> rows = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
        volatile long truncatedAtSequence;
        /** Index id → its entries for {@link #rows}, kept for the indexes procedures scanned (sequencer lock only). */
        private final Map<Long, LayerIndex> indexes = new HashMap<>();
        /** This layer as procedures read it: index scans read maintained entries instead of a copy. */
        private final RowLayer indexed = new RowLayer() {
            @Override
            public boolean truncated() {
                return PendingTable.this.truncated();
            }

            @Override
            public NavigableMap<byte[], byte[]> rows() {
                return rows;
            }

            @Override
            public NavigableMap<byte[], byte[]> indexEntries(TableStore table, IndexDef index) {
                LayerIndex li = indexes.get(index.id());
                if (li == null || !li.describes(table, index)) {
                    li = LayerIndex.maintained(table, index, rows);
                    indexes.put(index.id(), li);
                }
                return li.entries();
            }
        };

        @Override
        public boolean truncated() {
            return truncatedAtSequence != 0;
        }

        @Override
        public NavigableMap<byte[], byte[]> rows() {
            return rows;
        }

        /**
         * This layer for a reader holding the sequencer lock (a procedure), which every change
         * of the layer also holds: its index scans read index entries kept up to date as rows
         * change rather than computed per scan. Other threads read {@code this}.
         */
        RowLayer underSequencerLock() {
            return indexed;
        }

        private void put(byte[] key, byte[] row) {
            byte[] old = rows.put(key, row);
            for (LayerIndex li : indexes.values()) li.changed(key, old, row);
        }

        private void remove(byte[] key) {
            byte[] old = rows.remove(key);
            if (old != null) for (LayerIndex li : indexes.values()) li.changed(key, old, null);
        }

        private void clearRows() {
            rows.clear();
            for (LayerIndex li : indexes.values()) li.clear();
        }
    }

    private record Written(long tableId, byte[] key, long sequence) {}

    private final Map<Long, PendingTable> tables = new ConcurrentHashMap<>();
    private final Map<TableKey, Long> latestSequence = new HashMap<>();
    private final ArrayDeque<Written> order = new ArrayDeque<>();

    /** The pending layer of a table, or null when nothing of it is pending. */
    PendingTable table(long tableId) {
        PendingTable t = tables.get(tableId);
        return t == null || (t.rows.isEmpty() && !t.truncated()) ? null : t;
    }

    void add(TxnWrites writes, long sequence) {
        for (TableWrites w : writes.tables()) {
            PendingTable table = tables.computeIfAbsent(w.tableId(), id -> new PendingTable());
            if (w.truncate()) {
                for (byte[] key : table.rows.keySet()) latestSequence.remove(new TableKey(w.tableId(), key));
                table.clearRows();
                table.truncatedAtSequence = sequence;
                order.addLast(new Written(w.tableId(), null, sequence));
            }
            for (int i = 0; i < w.keys().size(); i++) {
                byte[] key = w.keys().get(i);
                byte[] row = w.rows().get(i);
                table.put(key, row == null ? WriteBuffer.DELETED : row);
                latestSequence.put(new TableKey(w.tableId(), key), sequence);
                order.addLast(new Written(w.tableId(), key, sequence));
            }
        }
    }

    /** Forgets what storage now holds: every write sequenced at or before {@code appliedSequence}. */
    void prune(long appliedSequence) {
        while (!order.isEmpty() && order.peekFirst().sequence() <= appliedSequence) {
            Written w = order.removeFirst();
            PendingTable table = tables.get(w.tableId());
            if (table == null) continue;
            if (w.key() == null) {
                if (table.truncatedAtSequence == w.sequence()) table.truncatedAtSequence = 0;
                continue;
            }
            TableKey key = new TableKey(w.tableId(), w.key());
            Long latest = latestSequence.get(key);
            if (latest != null && latest == w.sequence()) {
                latestSequence.remove(key);
                table.remove(w.key());
            }
        }
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    void clear() {
        tables.clear();
        latestSequence.clear();
        order.clear();
    }
}
