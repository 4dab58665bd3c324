package io.tableos.db.storage;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Creates the off-heap Chronicle Maps holding a table's rows (encoded primary key to
 * encoded row, large rows in chunks: {@link RowMap}), in memory only. Average key and row sizes are estimated from the column
 * types, since Chronicle sizes its segments from them; the map starts at
 * {@link StorageConfig#expectedRowsPerTable()} entries (or the rows a snapshot or ALTER TABLE
 * brings). A table that outgrows its map moves into one {@link GrowingMap#GROWTH} times bigger on
 * the storage's {@link MapGrower} thread while reads and writes go on; until the move is done,
 * and if it ever fails, Chronicle chains extra tiers (up to {@link StorageConfig#growthFactorMax()}
 * times the entries), slower but without a stop.
 *
 * <p>Why move rather than live with tiers: measured with 1 M narrow rows, a map grown 15-fold
 * by tiers reads in about 0.9-1.8 us against 0.5 us for one sized right, and pgbench TPC-B ran
 * a fifth slower on it ({@link MapGrower}). Moving costs about 1.5 us per row on the grower
 * thread, a third of the rows' count per growth on average; the apply thread waits at most
 * one batch of {@link GrowingMap#MOVE_BATCH} rows. Chunks of large rows grow alike.
 */
final class RowMaps {
    /** Room in an entry for Chronicle's size prefixes of key and value (stop-bit encoded) and alignment. */
    static final int ENTRY_HEADER_BYTES_MAX = 64;

    private RowMaps() {}

    /** {@code grower}: moves the rows into a bigger map when they outgrow this one (null: never). */
    static RowMap create(TableDef table, StorageConfig config, long expectedRows, MapGrower grower) {
        long entries = Math.max(expectedRows + expectedRows / 4, config.expectedRowsPerTable());
        return new RowMap(new GrowingMap(n -> inlineMap(table, config, n), entries, grower),
                () -> new GrowingMap(n -> chunkMap(table, config, n), RowMap.CHUNK_MAP_ENTRIES, grower),
                config.fault().failsPutsInto(table.name()) ? config.fault() : null);
    }

    /**
     * The inline row map, with a per-entry chunk budget that holds
     * {@link RowMap#INLINE_ENTRY_BYTES_MAX} (about 60 KB is the smallest measured, for two
     * 4-byte averages; a map whose estimate gives less is rebuilt with a larger average row).
     */
    private static ChronicleMap<byte[], byte[]> inlineMap(TableDef table, StorageConfig config, long entries) {
        double averageRow = averageRowBytes(table);
        while (true) {
            ChronicleMap<byte[], byte[]> map = ChronicleMap.of(byte[].class, byte[].class)
                    .name("table-" + table.id())
                    .entries(entries)
                    .averageKeySize(averageKeyBytes(table))
                    .averageValueSize(averageRow)
                    .maxBloatFactor(config.growthFactorMax())
                    // The node closes its maps itself, after Raft's stop-time snapshot; Chronicle's
                    // own exit hook would close them first and make that snapshot fail forever.
                    .skipCloseOnExitHook(true)
                    .create();
            if (entryBytesCapacity(map) >= RowMap.INLINE_ENTRY_BYTES_MAX + ENTRY_HEADER_BYTES_MAX) return map;
            map.close();
            averageRow *= 2;
        }
    }

    /** See {@link ChronicleStorage#warmUp()}: one tiny map of each kind, closed at once. */
    static void warmUp() {
        ChronicleMap.of(byte[].class, byte[].class).name("warm-up").entries(1).averageKeySize(8).averageValueSize(8)
                .skipCloseOnExitHook(true).create().close();
        ChronicleMap.of(byte[].class, byte[].class).name("warm-up-chunks").entries(1).constantKeySizeBySample(new byte[12])
                .averageValueSize(8).skipCloseOnExitHook(true).create().close();
    }

    /** Out-of-line chunks: fixed 12-byte keys, {@link RowMap#CHUNK_BYTES} values. */
    private static ChronicleMap<byte[], byte[]> chunkMap(TableDef table, StorageConfig config, long entries) {
        return ChronicleMap.of(byte[].class, byte[].class)
                .name("table-" + table.id() + "-chunks")
                .entries(entries)
                .constantKeySizeBySample(new byte[12])
                .averageValueSize(RowMap.CHUNK_BYTES)
                .maxBloatFactor(config.growthFactorMax())
                .skipCloseOnExitHook(true)
                .create();
    }

    /** Largest key plus value one entry of {@code map} can take (Chronicle's chunk size times chunks per entry). */
    static long entryBytesCapacity(ChronicleMap<byte[], byte[]> map) {
        VanillaChronicleHash<?, ?, ?, ?> hash = (VanillaChronicleHash<?, ?, ?, ?>) map;
        return hash.chunkSize * hash.maxChunksPerEntry;
    }

    static double averageKeyBytes(TableDef table) {
        if (table.hasHiddenKey()) return 9;
        double total = 0;
        for (int ordinal : table.primaryKey()) total += 1 + typicalKeyBytes(table.columns().get(ordinal).type());
        return total;
    }

    static double averageRowBytes(TableDef table) {
        double total = 1 + (table.columns().size() + 7) / 8;
        for (ColumnDef c : table.columns()) total += typicalRowBytes(c.type());
        return Math.max(total, 4);
    }

    private static int typicalKeyBytes(DataType type) {
        return switch (type.type()) {
            case BOOL -> 1;
            case INT2 -> 2;
            case INT4 -> 4;
            case FLOAT4 -> 4;
            case INT8, OID, FLOAT8, DATE, TIME, REGCLASS, REGPROC -> 8;
            case TIMESTAMP, TIMESTAMPTZ -> 12;
            case UUID -> 16;
            case INTERVAL -> 24;
            case NUMERIC -> 8;
            default -> type.length() > 0 ? Math.min(type.length(), 32) + 2 : 18;
        };
    }

    private static int typicalRowBytes(DataType type) {
        return switch (type.type()) {
            case BOOL -> 1;
            case INT2, INT4, INT8, OID, DATE, REGCLASS, REGPROC -> 3;
            case FLOAT4 -> 4;
            case FLOAT8, TIME -> 8;
            case TIMESTAMP, TIMESTAMPTZ -> 8;
            case UUID -> 16;
            case INTERVAL -> 6;
            case NUMERIC -> 6;
            case JSON, JSONB -> 64;
            default -> type.length() > 0 ? Math.min(type.length(), 64) + 1 : 17;
        };
    }
}
