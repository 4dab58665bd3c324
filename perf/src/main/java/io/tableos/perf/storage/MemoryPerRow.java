package io.tableos.perf.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads N (default 1,000,000) narrow rows {@code (id bigint pk, a int, b text of 10 chars)}
 * and prints bytes per row: Chronicle's off-heap count, the process RSS delta and the heap
 * used after GC (the ordered primary-key set); then adds a secondary index on {@code a} and
 * prints what it adds; finally writes a snapshot and loads it into a fresh storage. Usage: {@code java <tableos.jvm.opens> -cp ... io.tableos.perf.storage.MemoryPerRow [rows]}.
 */
public final class MemoryPerRow {
    private MemoryPerRow() {}

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        ChronicleStorage storage = new ChronicleStorage(StorageConfig.defaults(null));
        TableStore table = storage.createTable(Tables.narrow()); // first, so Chronicle's own start-up is not counted
        long heap0 = heapAfterGc();
        long rss0 = rssBytes();
        long started = System.nanoTime();
        for (long id = 0; id < rows; id++) {
            Object[] row = Tables.narrowRow(id);
            table.put(KeyCodec.primaryKey(table.def(), row, 0), RowCodec.encode(table.def(), row));
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long heap1 = heapAfterGc();
        long rss1 = rssBytes();
        long offHeap = storage.offHeapBytes(Tables.NARROW_ID);
        System.out.printf("rows=%d load=%d ms (%.0f ns/row)%n", rows, loadMillis, loadMillis * 1e6 / rows);
        System.out.printf("no index:   off-heap(chronicle)=%.1f B/row  heap(after GC)=%.1f B/row  RSS delta=%.1f B/row%n",
                (double) offHeap / rows, (double) (heap1 - heap0) / rows, (double) (rss1 - rss0) / rows);

        TableDef withIndex = Tables.narrow(Tables.NARROW_BY_A);
        started = System.nanoTime();
        storage.alterTable(withIndex, null);
        long indexMillis = (System.nanoTime() - started) / 1_000_000;
        long heap2 = heapAfterGc();
        long rss2 = rssBytes();
        System.out.printf("+ index on a (built in %d ms): heap(after GC)=+%.1f B/row  RSS delta=+%.1f B/row%n",
                indexMillis, (double) (heap2 - heap1) / rows, (double) (rss2 - rss1) / rows);
        System.out.printf("total:      %.1f B/row (off-heap + heap after GC)%n", (double) (offHeap + heap2 - heap0) / rows);

        Catalog catalog = new Catalog();
        catalog.putTable(withIndex);
        Path file = Files.createTempFile("tableos-snapshot", ".bin");
        started = System.nanoTime();
        long bytes = storage.writeSnapshot(catalog, file);
        long writeMillis = (System.nanoTime() - started) / 1_000_000;
        storage.close();
        try (ChronicleStorage loaded = new ChronicleStorage(StorageConfig.defaults(null))) {
            started = System.nanoTime();
            loaded.loadSnapshot(new Catalog(), file);
            long loadSnapshotMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("snapshot:   %.1f B/row, written in %d ms, loaded (with index rebuild) in %d ms%n",
                    (double) bytes / rows, writeMillis, loadSnapshotMillis);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return 0;
    }
}
