package io.tableos.db.txn;

import static io.tableos.db.txn.TestCluster.key;
import static io.tableos.db.txn.TestCluster.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.TableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small commit queued behind a big staged commit waits for the big one's whole install
 * (entries apply in order); it must then commit, not fail with 08007 ("may still happen") when
 * the install outlasts the commit timeout, since the apply thread is busy, not stuck. In-process
 * single node on in-memory storage, with a commit timeout ({@value #TIMEOUT_MILLIS} ms) well below
 * the install of {@value #ROWS} rows; the test checks the small commit did wait past it.
 */
class StagedCommitWaitTest {
    static final int ROWS = 1_500_000;
    static final long TIMEOUT_MILLIS = 2000;

    @TempDir
    Path dir;

    @Test
    void aCommitBehindABigInstallWaitsPastTheCommitTimeout() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        TransactionManagerConfig config = TestCluster.config("n0", TestCluster.peers(1), dir)
                .withStageBytesMin(64 << 10).withCommitTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
        TransactionManagerImpl tm = TestCluster.single(config, storage, new Catalog());
        try {
            TestCluster.createTable(tm);
            TableStore table = storage.table(TestCluster.TABLE_ID);
            Transaction big = tm.begin(Isolation.READ_COMMITTED, false);
            for (int k = 0; k < ROWS; k++) big.insert(table, key(k), row(1, "big"));
            CompletableFuture<Void> bigCommit = CompletableFuture.runAsync(big::commit);
            while (tm.applier.stagedChunksInstalled.get() == 0) { // its install has begun
                if (bigCommit.isDone()) bigCommit.join(); // rethrows its failure (a success installed first)
                Thread.onSpinWait();
            }
            long started = System.nanoTime();
            Transaction small = tm.begin(Isolation.READ_COMMITTED, false);
            small.insert(table, key(ROWS), row(2, "small"));
            small.commit();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            bigCommit.join();
            assertTrue(waitedMillis > TIMEOUT_MILLIS, "the small commit waited " + waitedMillis
                    + " ms: the install was too short to show anything; raise ROWS");
            assertNotNull(table.get(key(ROWS)));
            assertEquals(1, tm.applier.stagedCommitsApplied.get(), "one staged commit");
            long stored = 0;
            try (var c = table.scan(io.tableos.db.storage.KeyRange.ALL, false)) {
                while (c.next()) stored++;
            }
            assertEquals(ROWS + 1, stored);
        } finally {
            tm.close();
        }
    }
}
