package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of any size through the TableStore contract: rows around the inline limit and of
 * several megabytes stored, replaced (large by large, large by small and back), deleted
 * without leaving chunks, kept in indexes, carried by snapshots (also a background cut that
 * must keep a large row's value at the cut), read whole by a reader racing the writer, and
 * the up-front checks ({@link TableStore#checkStorable}) that spare apply from refusing a row.
 * Row contents come from a seeded Random; the seed is in each failure message.
 */
class LargeRowsTest {
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config());

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void rowsOfEverySizeRoundTripAndReplacementsLeaveNoChunks() {
        IndexDef byA = index(201, "items_a", List.of(1), List.of(false), false, null);
        ChronicleTableStore t = (ChronicleTableStore) storage.createTable(items(byA));
        int[] sizes = {0, 100, RowMap.INLINE_ENTRY_BYTES_MAX - 64, RowMap.INLINE_ENTRY_BYTES_MAX,
                RowMap.INLINE_ENTRY_BYTES_MAX + 1, RowMap.CHUNK_BYTES, RowMap.CHUNK_BYTES + 1, 3 << 20};
        for (int i = 0; i < sizes.length; i++) putText(t, i, i, text(sizes[i]));
        for (int i = 0; i < sizes.length; i++) assertEquals(sizes[i], textOf(t, i).length(), "size " + sizes[i] + ", seed " + seed);
        assertTrue(t.rows.chunkCount() > 0, "rows above the inline limit go out of line");

        String big = text(5 << 20);
        putText(t, 1, 7, big); // small row replaced by a large one
        assertEquals(big, textOf(t, 1), "seed " + seed);
        putText(t, 7, 70, "small again"); // large replaced by small
        assertEquals("small again", textOf(t, 7));
        String other = text(2 << 20);
        putText(t, 1, 8, other); // large replaced by large
        assertEquals(other, textOf(t, 1), "seed " + seed);
        assertEquals(List.of(1L), idsWithA(t, 8), "the index follows a large row's changes");

        for (int i = 0; i < sizes.length; i++) t.delete(pk(i));
        assertEquals(0, t.rowCount());
        assertEquals(0, t.rows.chunkCount(), "deleted and replaced large rows leave no chunks behind");
        assertNull(t.get(pk(1)));
    }

    @Test
    void narrowestTableMapHoldsAnInlineRow() {
        TableDef narrow = new TableDef(400, "public", "flags", List.of(new ColumnDef("f", DataType.of(SqlType.BOOL), true, null),
                new ColumnDef("g", DataType.of(SqlType.BOOL), false, null)), List.of(0), "flags_pkey", List.of(), 0);
        ChronicleTableStore t = (ChronicleTableStore) storage.createTable(narrow);
        byte[] key = new byte[9];
        byte[] row = new byte[RowMap.INLINE_ENTRY_BYTES_MAX - key.length];
        t.put(key, row); // raw bytes: the map only stores them
        assertEquals(0, t.rows.chunkCount(), "stored inline");
        assertArrayEquals(row, t.get(key));
    }

    @Test
    void snapshotsCarryLargeRows() throws IOException {
        Catalog catalog = new Catalog();
        TableDef def = items();
        catalog.putTable(def);
        TableStore t = storage.createTable(def);
        String big = text(9 << 20);
        putText(t, 1, 1, big);
        putText(t, 2, 2, "small");
        Path file = dir.resolve("snap.bin");
        storage.writeSnapshot(catalog, file);
        try (ChronicleStorage loaded = new ChronicleStorage(StorageFixtures.config())) {
            loaded.loadSnapshot(new Catalog(), file);
            TableStore copy = loaded.table(def.id());
            assertEquals(big, textOf(copy, 1), "seed " + seed);
            assertEquals("small", textOf(copy, 2));
        }
    }

    @Test
    void backgroundCutKeepsTheLargeValueAtTheCut() throws IOException {
        Catalog catalog = new Catalog();
        TableDef def = items();
        catalog.putTable(def);
        TableStore t = storage.createTable(def);
        String atCut = text(4 << 20);
        putText(t, 1, 1, atCut);
        Path file = dir.resolve("cut.bin");
        SnapshotCut cut = storage.beginSnapshot(catalog, file);
        putText(t, 1, 2, text(3 << 20)); // changed after the cut: the snapshot keeps the old value
        cut.write();
        try (ChronicleStorage loaded = new ChronicleStorage(StorageFixtures.config())) {
            loaded.loadSnapshot(new Catalog(), file);
            assertEquals(atCut, textOf(loaded.table(def.id()), 1), "seed " + seed);
        }
    }

    @Test
    void readerRacingTheWriterSeesWholeValuesOnly() throws Exception {
        TableStore t = storage.createTable(items());
        String[] values = {text(300_000), text(200_000), text(100), text(500_000)};
        putText(t, 1, 0, values[0]);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && problem.get() == null) {
                byte[] row = t.get(pk(1));
                if (row == null) {
                    problem.set("row vanished while being replaced");
                    break;
                }
                Object[] decoded = RowCodec.decode(t.def(), row);
                if (!values[(Integer) decoded[1]].equals(decoded[2])) problem.set("read a mixed value for version " + decoded[1]);
            }
        });
        reader.start();
        for (int i = 1; i <= 300; i++) putText(t, 1, i % values.length, values[i % values.length]);
        done.set(true);
        reader.join();
        assertNull(problem.get(), "seed " + seed);
    }

    @Test
    void checkStorableRefusesUpFrontWhatPutWouldRefuse() {
        IndexDef byB = index(202, "items_b", List.of(2), List.of(false), false, null);
        TableStore t = storage.createTable(items(byB));
        Object[] longIndexed = {1L, 1, text(SecondaryIndex.INDEX_KEY_BYTES_MAX + 1)};
        byte[] row = RowCodec.encode(t.def(), longIndexed);
        DbException indexed = assertThrows(DbException.class, () -> t.checkStorable(pk(1), row));
        assertEquals("54000", indexed.sqlState());
        assertThrows(DbException.class, () -> t.put(pk(1), row), "put refuses the same row");
        assertEquals(0, t.rowCount());

        TableDef textKeyed = new TableDef(500, "public", "docs", List.of(new ColumnDef("k", DataType.TEXT, true, null)),
                List.of(0), "docs_pkey", List.of(), 0);
        TableStore docs = storage.createTable(textKeyed);
        Object[] longKey = {text(ChronicleTableStore.PRIMARY_KEY_BYTES_MAX)};
        DbException keyed = assertThrows(DbException.class,
                () -> docs.checkStorable(KeyCodec.primaryKey(textKeyed, longKey, 0), RowCodec.encode(textKeyed, longKey)));
        assertEquals("54000", keyed.sqlState());
        assertTrue(keyed.getMessage().contains("docs_pkey"), keyed.getMessage());

        Object[] fine = {2L, 1, text(RowMap.CHUNK_BYTES * 3)};
        storage.table(t.def().id()).checkStorable(pk(2), RowCodec.encode(items(), new Object[] {2L, 1, "short"}));
        TableStore plain = storage.createTable(new TableDef(600, "public", "plain", StorageFixtures.columns(), List.of(0),
                "plain_pkey", List.of(), 0));
        plain.checkStorable(pk(2), RowCodec.encode(plain.def(), fine)); // a large unindexed value is fine
    }

    @Test
    void injectedPutFaultFailsBeforeAnythingChanges() {
        try (ChronicleStorage faulty = new ChronicleStorage(StorageFixtures.config().withFault(new StorageFault(StorageFault.PUT, "items")))) {
            TableStore t = faulty.createTable(items());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> putText(t, 1, 1, "x"));
            assertTrue(e.getMessage().contains(StorageFault.PUT), e.getMessage());
            assertEquals(0, t.rowCount());
            assertNull(t.get(pk(1)));
        }
    }

    private String text(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = (char) ('a' + random.nextInt(26));
        return new String(chars);
    }

    private static void putText(TableStore t, long id, int a, String b) {
        StorageFixtures.put(t, id, a, b);
    }

    private static String textOf(TableStore t, long id) {
        return (String) RowCodec.decodeColumn(t.def(), t.get(pk(id)), 2);
    }

    private static List<Long> idsWithA(TableStore t, int a) {
        IndexDef byA = t.def().indexes().get(0);
        byte[] key = t.indexKey(byA, RowCodec.encode(t.def(), new Object[] {0L, a, null}));
        List<Long> ids = new java.util.ArrayList<>();
        try (KeyValueCursor c = t.indexScan(byA, KeyRange.point(key), false)) {
            while (c.next()) ids.add(StorageFixtures.idOf(c.value()));
        }
        return ids;
    }
}
