package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.idOf;
import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static io.tableos.db.storage.StorageFixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots written from a {@link SnapshotCut} while the state keeps changing: the file
 * holds exactly the rows, catalog and sequence values at the cut (loaded into a fresh
 * storage and compared with a copy taken at the cut), DDL and TRUNCATE wait for the open
 * cut, and a closed cut writes nothing.
 */
class BackgroundSnapshotTest {
    private static final IndexDef BY_A = index(201, "items_a", List.of(1), List.of(false), false, null);
    private static final long SEQUENCE_ID = 301;
    private static final int ROWS_AT_CUT = 5_000;

    @TempDir
    Path dir;

    private final Catalog catalog = new Catalog();

    private ChronicleStorage populated() {
        catalog.putTable(items(BY_A));
        catalog.putSequence(new SequenceDef(SEQUENCE_ID, "public", "s", 1, 1, 1, Long.MAX_VALUE, false, 0));
        ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config());
        TableStore t = storage.createTable(items(BY_A));
        for (long id = 0; id < ROWS_AT_CUT; id++) put(t, id, (int) (id % 5), "row " + id);
        storage.setSequenceValue(SEQUENCE_ID, 7);
        return storage;
    }

    /** Rows by id, each as its decoded column list: comparable with assertEquals. */
    private static TreeMap<Long, List<Object>> rows(TableStore t) {
        TreeMap<Long, List<Object>> rows = new TreeMap<>();
        try (KeyValueCursor c = t.scan(KeyRange.ALL, false)) {
            while (c.next()) rows.put(idOf(c.key()), Arrays.asList(RowCodec.decode(t.def(), c.value())));
        }
        return rows;
    }

    /** One random change: update, delete, re-insert or insert rows present at the cut and beyond it. */
    private static void change(TableStore t, Random random) {
        long id = random.nextInt(2 * ROWS_AT_CUT);
        switch (random.nextInt(3)) {
            case 0, 1 -> put(t, id, random.nextInt(5), "changed " + random.nextInt());
            default -> t.delete(pk(id));
        }
    }

    private void assertSnapshotEquals(Path file, TreeMap<Long, List<Object>> expectedRows, long expectedSequence) throws IOException {
        Catalog loadedCatalog = new Catalog();
        try (ChronicleStorage loaded = new ChronicleStorage(StorageFixtures.config())) {
            loaded.loadSnapshot(loadedCatalog, file);
            assertEquals(items(BY_A), loadedCatalog.table(StorageFixtures.TABLE_ID));
            TableStore t = loaded.table(StorageFixtures.TABLE_ID);
            assertEquals(expectedRows, rows(t));
            long indexed = 0;
            try (KeyValueCursor c = t.indexScan(BY_A, KeyRange.ALL, false)) {
                while (c.next()) indexed++;
            }
            assertEquals(expectedRows.size(), indexed, "index rebuilt from the rows at the cut");
            assertEquals(expectedSequence, loaded.sequenceValue(SEQUENCE_ID));
        }
    }

    @Test
    void writesTheStateAtTheCutNotTheChangesAfterIt() throws IOException {
        Path file = dir.resolve("snap");
        try (ChronicleStorage storage = populated()) {
            TableStore t = storage.table(StorageFixtures.TABLE_ID);
            TreeMap<Long, List<Object>> atCut = rows(t);
            assertEquals(atCut(), atCut);
            try (SnapshotCut cut = storage.beginSnapshot(catalog, file)) {
                Random random = new Random(42);
                for (int i = 0; i < 20_000; i++) change(t, random);
                storage.setSequenceValue(SEQUENCE_ID, 99);
                long saved = storage.snapshotBeforeImageCount();
                assertTrue(saved > 0 && saved <= ROWS_AT_CUT, "before-images: one per row at the cut changed since: " + saved);
                assertFalse(atCut.equals(rows(t)), "the live state moved on");
                cut.write();
            }
            assertEquals(0, storage.snapshotBeforeImageCount(), "closing the cut frees the before-images");
        }
        assertSnapshotEquals(file, atCut(), 7);
    }

    /** The state {@link #populated()} leaves, rebuilt independently. */
    private static TreeMap<Long, List<Object>> atCut() {
        TreeMap<Long, List<Object>> rows = new TreeMap<>();
        for (long id = 0; id < ROWS_AT_CUT; id++) rows.put(id, Arrays.asList(id, (int) (id % 5), "row " + id));
        return rows;
    }

    @Test
    void changesRacingTheWriterDoNotLeakIntoTheFile() throws Exception {
        Path file = dir.resolve("snap");
        try (ChronicleStorage storage = populated()) {
            TableStore t = storage.table(StorageFixtures.TABLE_ID);
            SnapshotCut cut = storage.beginSnapshot(catalog, file);
            Random random = new Random(7);
            for (int i = 0; i < 500; i++) change(t, random); // some before-images exist whenever the writer starts
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
                try {
                    return cut.write();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // This thread plays the apply thread: it keeps changing rows until the writer is done.
            while (!written.isDone()) {
                for (int i = 0; i < 100; i++) change(t, random);
            }
            assertTrue(written.get() > 0);
            cut.close();
        }
        assertSnapshotEquals(file, atCut(), 7);
    }

    @Test
    void ddlAndTruncateWaitUntilTheCutIsClosed() throws Exception {
        try (ChronicleStorage storage = populated()) {
            TableStore t = storage.table(StorageFixtures.TABLE_ID);
            SnapshotCut cut = storage.beginSnapshot(catalog, dir.resolve("snap"));
            AtomicBoolean closed = new AtomicBoolean();
            AtomicBoolean ranAfterClose = new AtomicBoolean();
            TableDef other = new TableDef(500, "public", "other", StorageFixtures.columns(), List.of(0), null, List.of(), 0);
            Thread apply = new Thread(() -> {
                t.clear();
                storage.createTable(other);
                ranAfterClose.set(closed.get());
            });
            apply.start();
            while (apply.isAlive() && apply.getState() != Thread.State.WAITING) Thread.onSpinWait();
            assertTrue(apply.isAlive(), "TRUNCATE must wait for the open cut");
            closed.set(true);
            cut.close();
            apply.join();
            assertTrue(ranAfterClose.get());
            assertEquals(0, t.rowCount());
            assertTrue(storage.table(500) != null);
        }
    }

    @Test
    void aClosedCutWritesNothingAndOnlyOneCutIsOpen() throws IOException {
        Path file = dir.resolve("snap");
        try (ChronicleStorage storage = populated()) {
            SnapshotCut cut = storage.beginSnapshot(catalog, file);
            assertThrows(IllegalStateException.class, () -> storage.beginSnapshot(catalog, dir.resolve("other")));
            cut.close();
            assertThrows(IOException.class, cut::write);
            assertFalse(Files.exists(file));
            assertFalse(Files.exists(dir.resolve("snap.tmp")));
            try (SnapshotCut next = storage.beginSnapshot(catalog, file)) {
                assertTrue(next.write() > 0, "a new cut opens once the previous one closed");
            }
        }
        assertSnapshotEquals(file, atCut(), 7);
    }
}
