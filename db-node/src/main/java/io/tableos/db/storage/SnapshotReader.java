package io.tableos.db.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and verifies a whole snapshot ({@link SnapshotFormat}) into new table stores before
 * anything live is touched; any bad magic, version, checksum, count or truncation is an
 * IOException naming the file and block, and the stores built so far are closed.
 */
final class SnapshotReader {
    private SnapshotReader() {}

    /** A verified snapshot, ready to replace live state. */
    record Loaded(List<String> schemas, long nextObjectId, List<TableDef> tableDefs, List<SequenceDef> sequenceDefs,
                  List<io.tableos.db.catalog.ViewDef> viewDefs, CatalogSerializer.Routines routines, List<String> databases,
                  Map<String, Map<String, String>> databaseSettings, Map<Long, ChronicleTableStore> tables,
                  Map<Long, Long> sequenceValues) {
        void applyTo(Catalog catalog) {
            for (String database : databases) catalog.createDatabase(database);
            databaseSettings.forEach(catalog::setDatabaseSettings);
            for (String schema : schemas) catalog.createSchema(schema);
            for (TableDef t : tableDefs) catalog.putTable(t);
            for (SequenceDef s : sequenceDefs) catalog.putSequence(s);
            for (io.tableos.db.catalog.ViewDef v : viewDefs) catalog.putView(v);
            routines.applyTo(catalog.routines());
            catalog.restoreNextObjectId(nextObjectId);
        }
    }

    static Loaded read(Path file, StorageConfig config, MapGrower grower) throws IOException {
        Map<Long, ChronicleTableStore> tables = new HashMap<>();
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            return new Parse(file, in, config, grower, tables).run();
        } catch (IOException | RuntimeException e) {
            for (ChronicleTableStore store : tables.values()) store.close();
            if (e instanceof EOFException) throw new IOException("snapshot " + file + " is truncated", e);
            if (e instanceof RuntimeException) throw new IOException("snapshot " + file + " is corrupt: " + e.getMessage(), e);
            throw (IOException) e;
        }
    }

    private static final class Parse {
        private final Path file;
        private final DataInputStream in;
        private final StorageConfig config;
        private final MapGrower grower;
        private final Map<Long, ChronicleTableStore> tables;
        private final CRC32C crc = new CRC32C();
        private long blocks;
        private final Map<Long, TableDef> defs = new HashMap<>();
        private final Map<Long, Long> expectedRows = new HashMap<>();

        Parse(Path file, DataInputStream in, StorageConfig config, MapGrower grower, Map<Long, ChronicleTableStore> tables) {
            this.file = file;
            this.in = in;
            this.config = config;
            this.grower = grower;
            this.tables = tables;
        }

        Loaded run() throws IOException {
            if (in.readLong() != SnapshotFormat.MAGIC) throw corrupt("not a TableOS snapshot (bad magic)");
            int version = in.readInt();
            if (version != SnapshotFormat.VERSION) throw corrupt("unsupported snapshot version " + version);
            DataInputStream catalog = nextBlock(SnapshotFormat.CATALOG);
            int schemaCount = CatalogSerializer.readCount(catalog);
            List<String> schemas = new ArrayList<>();
            for (int i = 0; i < schemaCount; i++) schemas.add(CatalogSerializer.readString(catalog));
            long nextObjectId = catalog.readLong();
            int tableCount = CatalogSerializer.readCount(catalog);
            List<TableDef> tableDefs = new ArrayList<>();
            for (int i = 0; i < tableCount; i++) tableDefs.add(CatalogSerializer.readTable(catalog));
            int sequenceCount = CatalogSerializer.readCount(catalog);
            List<SequenceDef> sequenceDefs = new ArrayList<>();
            for (int i = 0; i < sequenceCount; i++) sequenceDefs.add(CatalogSerializer.readSequence(catalog));
            if (catalog.available() > 0) tableDefs = CatalogSerializer.readConstraints(catalog, tableDefs);
            List<io.tableos.db.catalog.ViewDef> viewDefs = catalog.available() > 0 ? CatalogSerializer.readViews(catalog) : List.of();
            CatalogSerializer.Routines routines = catalog.available() > 0 ? CatalogSerializer.readRoutines(catalog) : CatalogSerializer.Routines.NONE;
            List<String> databases = new ArrayList<>(Catalog.initialDatabases());  // snapshots older than CREATE DATABASE
            if (catalog.available() > 0) {
                databases.clear();
                int databaseCount = CatalogSerializer.readCount(catalog);
                for (int i = 0; i < databaseCount; i++) databases.add(CatalogSerializer.readString(catalog));
            }
            Map<String, Map<String, String>> databaseSettings = new HashMap<>();
            if (catalog.available() > 0) {
                for (String database : databases) {
                    int settingCount = CatalogSerializer.readCount(catalog);
                    Map<String, String> settings = new HashMap<>();
                    for (int i = 0; i < settingCount; i++) settings.put(CatalogSerializer.readString(catalog), CatalogSerializer.readString(catalog));
                    if (!settings.isEmpty()) databaseSettings.put(database, Map.copyOf(settings));
                }
            }
            for (TableDef t : tableDefs) defs.put(t.id(), t);

            DataInputStream sequences = nextBlock(SnapshotFormat.SEQUENCE_VALUES);
            Map<Long, Long> sequenceValues = new HashMap<>();
            int valueCount = CatalogSerializer.readCount(sequences);
            for (int i = 0; i < valueCount; i++) sequenceValues.put(sequences.readLong(), sequences.readLong());

            readTablesUntilEnd();
            for (TableDef t : tableDefs) {
                if (!tables.containsKey(t.id())) tables.put(t.id(), ChronicleTableStore.create(t, config, config.expectedRowsPerTable(), grower));
            }
            return new Loaded(schemas, nextObjectId, tableDefs, sequenceDefs, viewDefs, routines, List.copyOf(databases),
                    Map.copyOf(databaseSettings), Map.copyOf(tables), sequenceValues);
        }

        private void readTablesUntilEnd() throws IOException {
            while (true) {
                byte kind = in.readByte();
                DataInputStream block = blockBody(kind);
                switch (kind) {
                    case SnapshotFormat.TABLE -> {
                        long id = block.readLong();
                        long rows = block.readLong();
                        TableDef def = defs.get(id);
                        if (def == null || tables.containsKey(id)) throw corrupt("table block for unknown or repeated table " + id);
                        tables.put(id, ChronicleTableStore.create(def, config, rows, grower));
                        expectedRows.put(id, rows);
                    }
                    case SnapshotFormat.ROWS -> readRows(block);
                    case SnapshotFormat.END -> {
                        long before = block.readLong();
                        if (before != blocks - 1) throw corrupt("END block counts " + before + " blocks, file has " + (blocks - 1));
                        for (Map.Entry<Long, Long> e : expectedRows.entrySet()) {
                            long actual = tables.get(e.getKey()).rowCount();
                            if (actual != e.getValue()) throw corrupt("table " + e.getKey() + " has " + actual + " rows, expected " + e.getValue());
                        }
                        for (ChronicleTableStore store : tables.values()) store.rebuildIndexes();
                        return;
                    }
                    default -> throw corrupt("unexpected block kind " + kind);
                }
            }
        }

        private void readRows(DataInputStream block) throws IOException {
            long id = block.readLong();
            ChronicleTableStore store = tables.get(id);
            if (store == null) throw corrupt("rows for table " + id + " before its table block");
            int rows = 0;
            while (block.available() > 4) {
                byte[] key = new byte[readVarInt(block)];
                block.readFully(key);
                byte[] row = new byte[readVarInt(block)];
                block.readFully(row);
                store.putWithoutIndexes(key, row);
                rows++;
            }
            if (block.readInt() != rows) throw corrupt("rows block of table " + id + " has a wrong row count");
        }

        private DataInputStream nextBlock(byte expectedKind) throws IOException {
            byte kind = in.readByte();
            if (kind != expectedKind) throw corrupt("expected block kind " + expectedKind + ", found " + kind);
            return blockBody(kind);
        }

        private DataInputStream blockBody(byte kind) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > SnapshotFormat.BLOCK_BYTES_MAX) throw corrupt("block " + blocks + " length " + length + " out of range");
            byte[] payload = new byte[length];
            in.readFully(payload);
            int stored = in.readInt();
            crc.reset();
            crc.update(kind);
            crc.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            crc.update(payload);
            if ((int) crc.getValue() != stored) throw corrupt("checksum mismatch in block " + blocks + " (kind " + kind + ")");
            blocks++;
            return new DataInputStream(new ByteArrayInputStream(payload));
        }

        private static int readVarInt(DataInputStream in) throws IOException {
            int result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.readUnsignedByte();
                result |= (b & 0x7F) << shift;
                if (b < 0x80) {
                    if (result < 0) break;
                    return result;
                }
            }
            throw new IOException("bad length in rows block");
        }

        private IOException corrupt(String what) {
            return new IOException("snapshot " + file + " is corrupt: " + what);
        }
    }
}
