package io.tableos.db.txn;

import static io.tableos.db.txn.TestCluster.key;
import static io.tableos.db.txn.TestCluster.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.storage.TableStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of a single node across restarts on the same data directory: log replay
 * alone, a forced snapshot plus the log after it, and automatic snapshots (low trigger)
 * with log purging. Each restart uses fresh storage and catalog objects.
 */
class RecoveryTest {
    @TempDir
    Path dir;

    private static void insert(TransactionManagerImpl tm, long from, long to) {
        TableStore table = tm.storage().table(TestCluster.TABLE_ID);
        for (long k = from; k < to; k++) {
            Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
            t.insert(table, key(k), row(1, "v" + k));
            t.nextval(TestCluster.sequence());
            t.commit();
        }
    }

    private static void assertRows(InMemoryStorage storage, Catalog catalog, long from, long to) {
        assertNotNull(catalog.table(TestCluster.TABLE_ID), "table definition recovered");
        TableStore table = storage.table(TestCluster.TABLE_ID);
        assertNotNull(table, "table storage recovered");
        for (long k = from; k < to; k++) assertArrayEquals(row(1, "v" + k), table.get(key(k)), "row " + k);
        assertEquals(to - from, table.rowCount());
        assertEquals(to - from, storage.sequenceValue(TestCluster.SEQUENCE_ID));
    }

    @Test
    void restartReplaysTheLogAndAForcedSnapshot() throws Exception {
        TransactionManagerConfig config = TestCluster.config("n0", TestCluster.peers(1), dir);
        TransactionManagerImpl tm = TestCluster.single(config, new InMemoryStorage(), new Catalog());
        TestCluster.createTable(tm);
        insert(tm, 0, 50);
        tm.close();

        InMemoryStorage storage = new InMemoryStorage();
        Catalog catalog = new Catalog();
        tm = TestCluster.single(config, storage, catalog);
        assertRows(storage, catalog, 0, 50);
        assertTrue(tm.takeSnapshot() > 0);
        insert(tm, 50, 80);
        tm.close();

        storage = new InMemoryStorage();
        catalog = new Catalog();
        tm = TestCluster.single(config, storage, catalog);
        assertRows(storage, catalog, 0, 80);
        insert(tm, 80, 81); // sequences continue from the recovered value
        assertEquals(81, storage.sequenceValue(TestCluster.SEQUENCE_ID));
        tm.close();
    }

    @Test
    void automaticSnapshotsPurgeTheLogAndStillRecover() throws Exception {
        TransactionManagerConfig base = TestCluster.config("n0", TestCluster.peers(1), dir);
        RaftNodeConfig raft = base.raft().withSnapshots(40, 2, false);
        TransactionManagerConfig config = TransactionManagerConfig.defaults(raft);
        TransactionManagerImpl tm = TestCluster.single(config, new InMemoryStorage(), new Catalog());
        TestCluster.createTable(tm);
        insert(tm, 0, 300);
        tm.close();
        long snapshots;
        try (Stream<Path> files = Files.walk(dir)) {
            snapshots = files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
        assertTrue(snapshots >= 1 && snapshots <= 2, "snapshots kept: " + snapshots);

        InMemoryStorage storage = new InMemoryStorage();
        Catalog catalog = new Catalog();
        tm = TestCluster.single(config, storage, catalog);
        assertRows(storage, catalog, 0, 300);
        tm.close();
    }
}
