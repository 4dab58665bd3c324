package io.tableos.db.replication;

import static io.tableos.db.replication.SnapshotRows.TABLE_ID;
import static io.tableos.db.replication.SnapshotRows.put;
import static io.tableos.db.replication.SnapshotRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SnapshotTaker} against Ratis's snapshot directory: the automatic path returns the
 * latest completed index without waiting for the writer (which a latch holds), starts one
 * write at a time, reports a completed one before starting the next; the explicit path
 * cancels a running write and returns a durable snapshot of the applied state.
 */
class SnapshotTakerTest {
    @TempDir
    Path dir;

    private RaftStorage raftStorage;
    private final SnapshotFiles files = new SnapshotFiles();
    private final Catalog catalog = new Catalog();
    private ChronicleStorage chronicle;
    private GatedStorage storage;
    private SnapshotTaker taker;

    @BeforeEach
    void setUp() throws IOException {
        raftStorage = RaftStorage.newBuilder().setDirectory(dir.resolve("raft").toFile())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .setLogCorruptionPolicy(RaftServerConfigKeys.Log.CorruptionPolicy.getDefault())
                .setStorageFreeSpaceMin(SizeInBytes.valueOf(0)).build();
        raftStorage.initialize();
        files.init(raftStorage);
        chronicle = SnapshotRows.storage(catalog);
        for (long id = 0; id < 1000; id++) put(table(), id, "v" + id);
        storage = new GatedStorage(chronicle);
        taker = new SnapshotTaker(storage, catalog, files);
    }

    @AfterEach
    void tearDown() throws IOException {
        taker.close();
        chronicle.close();
        raftStorage.close();
    }

    private TableStore table() {
        return chronicle.table(TABLE_ID);
    }

    private static TermIndex at(long index) {
        return TermIndex.valueOf(1, index);
    }

    private TreeMap<Long, List<Object>> loaded(long index) throws IOException {
        File file = files.getSnapshotFile(1, index);
        assertTrue(file.exists(), "snapshot file " + file);
        assertTrue(new File(file.getPath() + ".md5").exists(), "MD5 of " + file);
        Catalog loadedCatalog = new Catalog();
        try (ChronicleStorage loaded = new ChronicleStorage(new StorageConfig(1024, 1000, null))) {
            loaded.loadSnapshot(loadedCatalog, file.toPath());
            return rows(loaded.table(TABLE_ID));
        }
    }

    @Test
    void automaticSnapshotReturnsWithoutWaitingForTheWriter() throws Exception {
        TreeMap<Long, List<Object>> atTen = rows(table());
        assertEquals(-1, taker.takeInBackground(at(10)), "nothing completed yet");
        storage.writerArrived.await(); // the writer is blocked at the gate, and takeSnapshot has returned
        assertTrue(taker.writing());
        for (long id = 0; id < 1000; id += 3) put(table(), id, "after the cut");
        assertEquals(-1, taker.takeInBackground(at(11)), "still nothing completed");
        assertEquals(1, storage.cutsBegun.get(), "one write at a time");
        assertEquals(-1, files.latestIndex());

        storage.openGate();
        taker.awaitBackgroundWrite();
        assertEquals(10, files.latestIndex());
        assertEquals(atTen, loaded(10));

        assertEquals(10, taker.takeInBackground(at(12)), "the completed snapshot is reported first");
        assertEquals(1, storage.cutsBegun.get());
        TreeMap<Long, List<Object>> atThirteen = rows(table());
        assertEquals(10, taker.takeInBackground(at(13)), "reported already: a new write starts");
        assertEquals(2, storage.cutsBegun.get());
        taker.awaitBackgroundWrite();
        assertEquals(13, taker.takeInBackground(at(14)));
        assertEquals(atThirteen, loaded(13));
    }

    @Test
    void explicitSnapshotCancelsTheRunningWriteAndWritesTheAppliedState() throws Exception {
        assertEquals(-1, taker.takeInBackground(at(10)));
        storage.writerArrived.await();
        put(table(), 5, "changed");
        table().delete(SnapshotRows.key(6));
        TreeMap<Long, List<Object>> atTwenty = rows(table());
        assertEquals(20, taker.takeNow(at(20)));
        assertFalse(taker.writing());
        assertEquals(20, files.latestIndex());
        assertEquals(atTwenty, loaded(20));
        assertFalse(files.getSnapshotFile(1, 10).exists(), "the cancelled write left no snapshot");
        try (Stream<Path> left = Files.list(files.getSnapshotFile(1, 10).getParentFile().toPath())) {
            assertEquals(0, left.filter(p -> p.toString().endsWith(".tmp")).count(), "no temporary file left");
        }
        assertEquals(20, taker.takeNow(at(20)), "nothing applied since: the same snapshot");
        assertEquals(2, storage.cutsBegun.get(), "the background cut and one explicit cut, none for the repeat");
    }
}
