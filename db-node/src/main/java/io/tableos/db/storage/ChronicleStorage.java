package io.tableos.db.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Storage} on Chronicle Map: one {@link ChronicleTableStore} per table and a map of
 * sequence values. Mutated by the apply thread only.
 *
 * <p>A store replaced by ALTER TABLE or dropped is not closed at once: a reader may still be
 * scanning it, and closing frees its off-heap memory. Retired stores are closed
 * {@link #RETIRED_GRACE_NANOS} later, at the next DDL or at {@link #close()}.
 *
 * <p>Snapshots: {@link #beginSnapshot} captures a {@link ChronicleSnapshotCut} that a
 * background thread writes while applies continue (row changes save before-images). DDL
 * and loading a snapshot wait until the open cut is closed: the cut holds the table stores
 * they would replace, retire or close, and its catalog and rows must stay those of one log
 * position. DDL is rare, so waiting (at most one snapshot write) beats copying tables.
 */
public final class ChronicleStorage implements Storage {
    /** Longer than any statement may read one table store; only delays freeing memory. */
    static final long RETIRED_GRACE_NANOS = 60_000_000_000L;

    private final StorageConfig config;
    private final Catalog sequenceDefaults;
    private final TableRebuilder rebuilder;
    /** Moves outgrown tables into bigger maps (its thread runs only while one grows). */
    private final MapGrower grower = new MapGrower();
    final Map<Long, ChronicleTableStore> tables = new ConcurrentHashMap<>();
    final Map<Long, Long> sequences = new ConcurrentHashMap<>();
    private final ArrayDeque<Retired> retired = new ArrayDeque<>();
    /** The snapshot cut not yet closed, or null. Set by the apply thread, cleared by whichever thread closes it. */
    private volatile ChronicleSnapshotCut openCut;

    private record Retired(ChronicleTableStore store, long retiredAtNanos) {}

    public ChronicleStorage(StorageConfig config) {
        this(config, null);
    }

    /** {@code catalog}, when given, supplies start - increment for sequences never set. */
    public ChronicleStorage(StorageConfig config, Catalog catalog) {
        this.config = config;
        this.sequenceDefaults = catalog;
        this.rebuilder = new TableRebuilder(config, grower);
    }

    /**
     * Pays the first map's one-time cost: Chronicle's classes loaded and initialised, and the
     * class it would compile with javac at run time, which the build provides instead
     * (src/build/ChronicleNativeClasses.java; the javac fallback stays if that class is
     * missing). Nodes call this before they join their Raft group: otherwise the first CREATE
     * TABLE or snapshot load pays it on the apply thread, and a leader elected then cannot
     * serve writes until it is done. Measured for the first map of a JVM: with javac 1-2 s
     * idle and 13 s at load 18 (a new leader in tests under load waited ten seconds and more,
     * in CI over a minute); with the build's class 1.5 s against 2.8-4.5 s at load 8.
     */
    public static void warmUp() {
        RowMaps.warmUp();
    }

    StorageConfig config() {
        return config;
    }

    @Override
    public TableStore table(long tableId) {
        return tables.get(tableId);
    }

    @Override
    public TableStore createTable(TableDef def) {
        awaitOpenCutClosed();
        closeExpiredRetired();
        if (tables.containsKey(def.id())) throw new IllegalStateException("table " + def.id() + " exists already in storage");
        ChronicleTableStore store = ChronicleTableStore.create(def, config, config.expectedRowsPerTable(), grower);
        tables.put(def.id(), store);
        return store;
    }

    @Override
    public TableStore alterTable(TableDef newDef, Object[] fillValues, java.util.List<ColumnConversion> conversions) {
        awaitOpenCutClosed();
        closeExpiredRetired();
        ChronicleTableStore old = tables.get(newDef.id());
        if (old == null) throw new IllegalStateException("table " + newDef.id() + " does not exist in storage");
        ChronicleTableStore rebuilt = rebuilder.rebuild(old, newDef, fillValues, conversions);
        tables.put(newDef.id(), rebuilt);
        if (rebuilt.rows != old.rows) retire(old);
        return rebuilt;
    }

    @Override
    public TableStore alterTableKeeping(TableDef newDef, java.util.List<ColumnConversion> conversions, TableDef kept) {
        if (conversions.isEmpty()) throw new IllegalArgumentException("a change without conversions keeps its rows anyway");
        awaitOpenCutClosed();
        closeExpiredRetired();
        ChronicleTableStore old = tables.get(newDef.id());
        if (old == null) throw new IllegalStateException("table " + newDef.id() + " does not exist in storage");
        if (tables.containsKey(kept.id())) throw new IllegalStateException("table " + kept.id() + " exists already in storage");
        ChronicleTableStore rebuilt = rebuilder.rebuild(old, newDef, new Object[0], conversions);
        tables.put(newDef.id(), rebuilt);
        // The old store's row map and key set move to the kept table; its indexes are left to the collector.
        tables.put(kept.id(), new ChronicleTableStore(kept, old.rows, old.primaryKeys, java.util.List.of()));
        return rebuilt;
    }

    @Override
    public TableStore restoreKept(TableDef restored, long keptTableId) {
        awaitOpenCutClosed();
        closeExpiredRetired();
        ChronicleTableStore current = tables.get(restored.id());
        ChronicleTableStore kept = tables.get(keptTableId);
        if (current == null || kept == null) throw new IllegalStateException("table " + restored.id() + " or its kept rows " + keptTableId + " do not exist in storage");
        ChronicleTableStore back = rebuilder.withIndexesOf(kept, restored);
        tables.put(restored.id(), back);
        tables.remove(keptTableId);
        retire(current);
        return back;
    }

    @Override
    public void dropTable(long tableId) {
        awaitOpenCutClosed();
        closeExpiredRetired();
        ChronicleTableStore old = tables.remove(tableId);
        if (old != null) retire(old);
    }

    @Override
    public long sequenceValue(long sequenceId) {
        Long value = sequences.get(sequenceId);
        if (value != null) return value;
        SequenceDef def = sequenceDefaults == null ? null : sequenceDefaults.sequence(sequenceId);
        if (def == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "sequence " + sequenceId + " has no value in storage");
        return def.start() - def.increment();
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
        try (SnapshotCut cut = beginSnapshot(catalog, file)) {
            return cut.write();
        }
    }

    @Override
    public SnapshotCut beginSnapshot(Catalog catalog, Path file) throws IOException {
        if (openCut != null) throw new IllegalStateException("a snapshot cut is open already (one at a time)");
        ChronicleSnapshotCut cut = ChronicleSnapshotCut.capture(catalog, tables, sequences, file, closed -> {
            if (openCut == closed) openCut = null;
        });
        openCut = cut;
        return cut;
    }

    @Override
    public long snapshotBeforeImageCount() {
        ChronicleSnapshotCut cut = openCut;
        return cut == null ? 0 : cut.beforeImageCount();
    }

    private void awaitOpenCutClosed() {
        ChronicleSnapshotCut cut = openCut;
        if (cut != null) cut.awaitClosed();
    }

    @Override
    public void loadSnapshot(Catalog catalog, Path file) throws IOException {
        awaitOpenCutClosed();
        SnapshotReader.Loaded loaded = SnapshotReader.read(file, config, grower);
        // Everything verified: replace state.
        for (ChronicleTableStore store : tables.values()) retire(store);
        tables.clear();
        sequences.clear();
        catalog.clear();
        loaded.applyTo(catalog);
        tables.putAll(loaded.tables());
        sequences.putAll(loaded.sequenceValues());
    }

    /** Off-heap bytes of a table's row map as Chronicle counts them (for memory reports), or 0 when absent. */
    public long offHeapBytes(long tableId) {
        ChronicleTableStore store = tables.get(tableId);
        return store == null ? 0 : store.offHeapBytes();
    }

    private void retire(ChronicleTableStore store) {
        synchronized (retired) {
            retired.add(new Retired(store, System.nanoTime()));
        }
    }

    private void closeExpiredRetired() {
        long now = System.nanoTime();
        synchronized (retired) {
            while (!retired.isEmpty() && now - retired.peekFirst().retiredAtNanos() > RETIRED_GRACE_NANOS) {
                retired.pollFirst().store().close();
            }
        }
    }

    @Override
    public void close() {
        ChronicleSnapshotCut cut = openCut;
        if (cut != null) cut.close();
        synchronized (retired) {
            for (Retired r : retired) r.store().close();
            retired.clear();
        }
        for (ChronicleTableStore store : tables.values()) store.close();
        tables.clear();
        grower.close();
    }
}
