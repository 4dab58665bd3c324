package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static io.tableos.db.storage.StorageFixtures.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots: write a catalog with tables (keyed and hidden-key, with indexes), rows and
 * sequence values, load into a fresh storage and catalog and compare everything; flip one
 * byte anywhere or cut the file short and loading must fail with an IOException while the
 * live state stays as it was.
 */
class SnapshotTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsCatalogRowsIndexesAndSequences() throws IOException {
        Catalog catalog = new Catalog();
        Path file = dir.resolve("snap.bin");
        IndexDef byA = index(201, "items_a", List.of(1), List.of(true), false, null);
        TableDef items = items(byA);
        TableDef hidden = new TableDef(300, "app", "log", List.of(new ColumnDef("msg", DataType.of(SqlType.VARCHAR), false, "'x'"),
                new ColumnDef("tags", DataType.arrayOf(SqlType.TEXT), false, null)), List.of(), null, List.of(), 301);
        SequenceDef seq = new SequenceDef(301, "app", "log_rowid_seq", 1, 1, 1, Long.MAX_VALUE, false, 300);
        catalog.createSchema("app");
        catalog.putTable(items);
        catalog.putTable(hidden);
        catalog.putSequence(seq);
        ViewDef view = new ViewDef(310, "app", "items_view", "SELECT * FROM app.items", List.of(new ColumnDef("id", DataType.INT8, false, null)));
        catalog.putView(view);
        catalog.createDatabase("app_db");
        catalog.dropDatabase("postgres");
        try (ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config())) {
            TableStore t = storage.createTable(items);
            for (long id = 0; id < 5000; id++) put(t, id, (int) (id % 7), "row " + id);
            TableStore h = storage.createTable(hidden);
            for (long rowId = 1; rowId <= 3; rowId++) {
                Object[] row = {"m" + rowId, new io.tableos.db.types.SqlArray(SqlType.TEXT, new Object[] {"a", null})};
                h.put(KeyCodec.primaryKey(hidden, row, rowId), RowCodec.encode(hidden, row));
            }
            storage.setSequenceValue(301, 3);
            long bytes = storage.writeSnapshot(catalog, file);
            assertEquals(Files.size(file), bytes);

            Catalog loadedCatalog = new Catalog();
            loadedCatalog.createSchema("stale");
            loadedCatalog.createDatabase("stale_db");
            try (ChronicleStorage loaded = new ChronicleStorage(StorageFixtures.config())) {
                loaded.createTable(new TableDef(999, "public", "stale", StorageFixtures.columns(), List.of(0), null, List.of(), 0));
                loaded.loadSnapshot(loadedCatalog, file);
                assertEquals(List.of("app", "public"), loadedCatalog.schemas());
                assertEquals(List.of("app_db", "tableos"), loadedCatalog.databases());
                assertEquals(items, loadedCatalog.table(items.id()));
                assertEquals(hidden, loadedCatalog.table("app", "log"));
                assertEquals(seq, loadedCatalog.sequence(301));
                assertEquals(view, loadedCatalog.view("app", "items_view"));
                assertTrue(loadedCatalog.peekNextObjectId() >= catalog.peekNextObjectId());
                assertEquals(null, loaded.table(999));
                assertEquals(3, loaded.sequenceValue(301));
                assertSameRows(t, loaded.table(items.id()));
                assertSameRows(h, loaded.table(hidden.id()));
                assertEquals(count(t.indexScan(byA, KeyRange.ALL, false)), count(loaded.table(items.id()).indexScan(byA, KeyRange.ALL, false)));
            }
        }
    }

    @Test
    void corruptOrTruncatedSnapshotFailsAndKeepsState() throws IOException {
        Catalog catalog = new Catalog();
        catalog.putTable(items());
        Path file = dir.resolve("snap.bin");
        try (ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config())) {
            TableStore t = storage.createTable(items());
            for (long id = 0; id < 1000; id++) put(t, id, 1, "v");
            long size = storage.writeSnapshot(catalog, file);
            for (long offset : new long[] {3, 20, size / 2, size - 5}) {
                Path bad = dir.resolve("bad-" + offset);
                Files.copy(file, bad);
                try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
                    f.seek(offset);
                    int b = f.read();
                    f.seek(offset);
                    f.write(b ^ 0x10);
                }
                IOException e = assertThrows(IOException.class, () -> storage.loadSnapshot(catalog, bad), "flip at " + offset);
                assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated"), e.getMessage());
            }
            Path cut = dir.resolve("cut");
            Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) size - 9));
            assertThrows(IOException.class, () -> storage.loadSnapshot(catalog, cut));
            assertEquals(1000, storage.table(StorageFixtures.TABLE_ID).rowCount());
            assertEquals(items(), catalog.table(StorageFixtures.TABLE_ID));
            assertArrayEquals(t.get(pk(5)), storage.table(StorageFixtures.TABLE_ID).get(pk(5)));
        }
    }

    private static void assertSameRows(TableStore expected, TableStore actual) {
        assertEquals(expected.rowCount(), actual.rowCount());
        try (KeyValueCursor a = expected.scan(KeyRange.ALL, false); KeyValueCursor b = actual.scan(KeyRange.ALL, false)) {
            while (a.next()) {
                assertTrue(b.next());
                assertArrayEquals(a.key(), b.key());
                assertArrayEquals(a.value(), b.value());
            }
            assertTrue(!b.next());
        }
    }

    private static long count(KeyValueCursor c) {
        long n = 0;
        while (c.next()) n++;
        return n;
    }
}
