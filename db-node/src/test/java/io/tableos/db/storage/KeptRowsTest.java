package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static io.tableos.db.storage.StorageFixtures.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage.alterTableKeeping and restoreKept, the storage side of a retype inside a transaction
 * block: column a (integer, indexed) becomes text while the replaced rows live on, unchanged, as
 * a table of their own; restoring gives the table its old definition, rows and index back and
 * the kept table is gone. The kept rows survive a snapshot, so a replica that restarts from
 * one between the retype and the ROLLBACK restores the same rows.
 */
class KeptRowsTest {
    @TempDir
    Path dir;

    private static final long KEPT_ID = 500;
    private static final IndexDef BY_A = index(201, "items_a", List.of(1), List.of(false), false, null);

    /** Conversion "a" to text; no partial indexes here. */
    private static StorageConfig config() {
        return new StorageConfig(1024, 1000, new RowPredicateCompiler() {
            @Override
            public Predicate<Object[]> compile(TableDef table, String predicateSql) {
                return row -> true;
            }

            @Override
            public Function<Object[], Object> compileConversion(TableDef table, ColumnConversion conversion, DataType to) {
                return row -> row[1] == null ? null : "#" + row[1];
            }
        });
    }

    private static TableDef retyped() {
        List<ColumnDef> columns = List.of(new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("a", DataType.TEXT, false, null),
                new ColumnDef("b", DataType.TEXT, false, null));
        return new TableDef(StorageFixtures.TABLE_ID, "public", "items", columns, List.of(0), "items_pkey", List.of(BY_A), 0);
    }

    private static TableDef kept() {
        return new TableDef(KEPT_ID, "public", "pg_retyped_" + KEPT_ID, StorageFixtures.columns(), List.of(0), null, List.of(), 0);
    }

    @Test
    void keptRowsComeBackAfterASnapshot() throws IOException {
        try (ChronicleStorage storage = new ChronicleStorage(config())) {
            TableStore t = storage.createTable(items(BY_A));
            for (long id = 0; id < 100; id++) put(t, id, (int) id, "r" + id);
            TableStore converted = storage.alterTableKeeping(retyped(), List.of(new ColumnConversion(1, "a")), kept());
            assertArrayEquals(new Object[] {7L, "#7", "r7"}, RowCodec.decode(retyped(), converted.get(pk(7))));
            assertArrayEquals(new Object[] {7L, 7, "r7"}, RowCodec.decode(kept(), storage.table(KEPT_ID).get(pk(7))));

            Catalog catalog = new Catalog();
            catalog.putTable(retyped());
            catalog.putTable(kept());
            Path file = dir.resolve("snap.bin");
            storage.writeSnapshot(catalog, file);
            try (ChronicleStorage restarted = new ChronicleStorage(config())) {
                restarted.loadSnapshot(new Catalog(), file);
                assertRestored(restarted);
            }
            assertRestored(storage);
        }
    }

    private static void assertRestored(ChronicleStorage storage) {
        TableStore back = storage.restoreKept(items(BY_A), KEPT_ID);
        assertNull(storage.table(KEPT_ID));
        assertEquals(100, back.rowCount());
        assertArrayEquals(new Object[] {7L, 7, "r7"}, RowCodec.decode(items(BY_A), back.get(pk(7))));
        byte[] seven = KeyCodec.encode(new Object[] {7}, List.of(DataType.INT4), null);
        assertEquals(1, count(back.indexScan(BY_A, KeyRange.prefix(seven), false)), "the index on a reads integers again");
    }

    private static int count(KeyValueCursor c) {
        int n = 0;
        try (c) {
            while (c.next()) n++;
        }
        return n;
    }
}
