package io.tableos.db.txn;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.Storage;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogEntry;
import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A test double of {@link Storage}: sorted in-heap maps. A secondary index's key of a row is
 * the row's first {@code index.columns().size()} bytes (tests build rows accordingly).
 * Snapshots carry table definitions as CreateTable log items, so the catalog round-trips.
 */
final class InMemoryStorage implements Storage {
    final Map<Long, MemTable> tables = new ConcurrentHashMap<>();
    final Map<Long, Long> sequences = new ConcurrentHashMap<>();

    static final class MemTable implements TableStore {
        volatile TableDef def;
        final ConcurrentSkipListMap<byte[], byte[]> rows = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
        final Map<Long, ConcurrentSkipListMap<byte[], byte[]>> indexes = new ConcurrentHashMap<>();

        MemTable(TableDef def) {
            this.def = def;
            for (IndexDef i : def.indexes()) indexes.put(i.id(), new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR));
        }

        @Override
        public TableDef def() {
            return def;
        }

        @Override
        public byte[] get(byte[] primaryKey) {
            return rows.get(primaryKey);
        }

        /** Test hook: while set, apply blocks in {@link #put} until the latch opens. */
        volatile java.util.concurrent.CountDownLatch applyGate;

        @Override
        public void put(byte[] primaryKey, byte[] row) {
            java.util.concurrent.CountDownLatch gate = applyGate;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] old = rows.put(primaryKey, row);
            // As ChronicleTableStore does: an unchanged entry stays, a new one is added before
            // the old one goes, so a concurrent index scan never misses the row (VersionStore
            // records no removed entry when the index key is unchanged).
            for (IndexDef i : def.indexes()) {
                byte[] oldKey = old == null ? null : indexKey(i, old);
                byte[] newKey = indexKey(i, row);
                if (java.util.Arrays.equals(oldKey, newKey)) continue;
                indexes.get(i.id()).put(LayeredRows.concat(newKey, primaryKey), primaryKey);
                if (oldKey != null) indexes.get(i.id()).remove(LayeredRows.concat(oldKey, primaryKey));
            }
        }

        @Override
        public boolean delete(byte[] primaryKey) {
            byte[] old = rows.remove(primaryKey);
            if (old == null) return false;
            for (IndexDef i : def.indexes()) indexes.get(i.id()).remove(LayeredRows.concat(indexKey(i, old), primaryKey));
            return true;
        }

        @Override
        public KeyValueCursor scan(KeyRange range, boolean descending) {
            NavigableMap<byte[], byte[]> m = LayeredRows.subMap(rows, range);
            return cursor(descending ? m.descendingMap() : m);
        }

        @Override
        public KeyValueCursor indexScan(IndexDef index, KeyRange range, boolean descending) {
            NavigableMap<byte[], byte[]> m = indexes.get(index.id());
            List<Map.Entry<byte[], byte[]>> hits = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : m.entrySet()) {
                byte[] key = java.util.Arrays.copyOf(e.getKey(), index.columns().size());
                if (range.contains(key)) hits.add(Map.entry(e.getKey(), e.getValue()));
            }
            if (descending) java.util.Collections.reverse(hits);
            return cursor(hits);
        }

        /** Index keys computed through {@link #indexKey} (tests of what a scan costs). */
        final java.util.concurrent.atomic.AtomicInteger indexKeyCalls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public byte[] indexKey(IndexDef index, byte[] row) {
            indexKeyCalls.incrementAndGet();
            return java.util.Arrays.copyOf(row, index.columns().size());
        }

        @Override
        public long rowCount() {
            return rows.size();
        }

        @Override
        public void clear() {
            rows.clear();
            indexes.values().forEach(Map::clear);
        }

        @Override
        public void close() {}
    }

    static KeyValueCursor cursor(NavigableMap<byte[], byte[]> map) {
        List<Map.Entry<byte[], byte[]>> copy = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) copy.add(Map.entry(e.getKey(), e.getValue()));
        return cursor(copy);
    }

    static KeyValueCursor cursor(List<Map.Entry<byte[], byte[]>> entries) {
        Iterator<Map.Entry<byte[], byte[]>> it = entries.iterator();
        return new KeyValueCursor() {
            Map.Entry<byte[], byte[]> current;

            @Override
            public boolean next() {
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey();
            }

            @Override
            public byte[] value() {
                return current.getValue();
            }
        };
    }

    @Override
    public TableStore table(long tableId) {
        return tables.get(tableId);
    }

    @Override
    public TableStore createTable(TableDef def) {
        MemTable t = new MemTable(def);
        tables.put(def.id(), t);
        return t;
    }

    @Override
    public TableStore alterTable(TableDef newDef, Object[] fillValues, java.util.List<io.tableos.db.storage.ColumnConversion> conversions) {
        if (!conversions.isEmpty()) throw new UnsupportedOperationException("this test storage converts no columns");
        MemTable t = tables.get(newDef.id());
        t.def = newDef;
        return t;
    }

    @Override
    public TableStore alterTableKeeping(TableDef newDef, java.util.List<io.tableos.db.storage.ColumnConversion> conversions, TableDef kept) {
        throw new UnsupportedOperationException("this test storage converts no columns");
    }

    @Override
    public TableStore restoreKept(TableDef restored, long keptTableId) {
        throw new UnsupportedOperationException("this test storage converts no columns");
    }

    @Override
    public void dropTable(long tableId) {
        tables.remove(tableId);
    }

    @Override
    public long sequenceValue(long sequenceId) {
        return sequences.getOrDefault(sequenceId, 0L);
    }

    @Override
    public void setSequenceValue(long sequenceId, long value) {
        sequences.put(sequenceId, value);
    }

    @Override
    public void dropSequence(long sequenceId) {
        sequences.remove(sequenceId);
    }

    @Override
    public long writeSnapshot(Catalog catalog, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temp))) {
            out.writeInt(tables.size());
            for (MemTable t : tables.values()) {
                List<SequenceDef> owned = new ArrayList<>();
                for (SequenceDef s : catalog.sequences()) if (s.ownedByTableId() == t.def.id()) owned.add(s);
                byte[] def = LogEntryCodec.encode(new LogEntry(0, 0, 0,
                        List.of(new LogItem.Ddl(new DdlOperation.CreateTable(t.def, owned)))));
                out.writeInt(def.length);
                out.write(def);
                out.writeInt(t.rows.size());
                for (Map.Entry<byte[], byte[]> e : t.rows.entrySet()) {
                    out.writeInt(e.getKey().length);
                    out.write(e.getKey());
                    out.writeInt(e.getValue().length);
                    out.write(e.getValue());
                }
            }
            out.writeInt(sequences.size());
            for (Map.Entry<Long, Long> e : sequences.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }
        }
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(file);
    }

    @Override
    public void loadSnapshot(Catalog catalog, Path file) throws IOException {
        tables.clear();
        sequences.clear();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] def = in.readNBytes(in.readInt());
                LogItem.Ddl ddl = (LogItem.Ddl) LogEntryCodec.decode(ByteBuffer.wrap(def)).items().get(0);
                DdlOperation.CreateTable create = (DdlOperation.CreateTable) ddl.operation();
                catalog.putTable(create.table());
                for (SequenceDef s : create.ownedSequences()) catalog.putSequence(s);
                MemTable t = (MemTable) createTable(create.table());
                int rows = in.readInt();
                for (int r = 0; r < rows; r++) {
                    byte[] k = in.readNBytes(in.readInt());
                    byte[] v = in.readNBytes(in.readInt());
                    t.put(k, v);
                }
            }
            int s = in.readInt();
            for (int i = 0; i < s; i++) sequences.put(in.readLong(), in.readLong());
        }
    }

    @Override
    public void close() {}
}
