package io.tableos.db.txn;

import static io.tableos.db.txn.TestCluster.key;
import static io.tableos.db.txn.TestCluster.keyValue;
import static io.tableos.db.txn.TestCluster.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot reads over the version store, on a real single-node Raft group over in-memory
 * storage: point reads, primary-key scans (both directions) and index scans see the state of
 * their snapshot whatever commits after it (updates, deletes, inserts, index keys moving,
 * TRUNCATE), versions go once no snapshot needs them, and a writer racing with scanners never
 * shows them a state that was not committed as a whole. The history window is zero here, so
 * what is kept is only what open snapshots need.
 */
class SnapshotReadsTest {
    @TempDir
    static Path dir;
    static TransactionManagerImpl tm;
    static TableStore table;
    static IndexDef index;
    static long nextKey = 1;
    long base;

    @BeforeAll
    static void startNode() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        TransactionManagerConfig config = TestCluster.config("n0", TestCluster.peers(1), dir)
                .withHistory(Duration.ZERO, Long.MAX_VALUE);
        tm = TestCluster.single(config, storage, new Catalog());
        TestCluster.createTable(tm);
        table = storage.table(TestCluster.TABLE_ID);
        index = table.def().indexes().get(0);
    }

    @AfterAll
    static void stopNode() {
        tm.close();
    }

    @BeforeEach
    void reserveKeys() {
        base = nextKey;
        nextKey += 100_000;
    }

    private void write(java.util.function.Consumer<Transaction> body) {
        Transaction t = tm.begin(Isolation.READ_COMMITTED, false);
        body.accept(t);
        t.commit();
    }

    private List<String> scan(Transaction t, boolean descending) {
        List<String> rows = new ArrayList<>();
        try (KeyValueCursor c = t.scan(table, new KeyRange(key(base), true, key(base + 99), true), descending)) {
            while (c.next()) rows.add((keyValue(c.key()) - base) + "=" + text(c.value()));
        }
        return rows;
    }

    private List<Long> indexScan(Transaction t, int first, boolean descending) {
        List<Long> keys = new ArrayList<>();
        try (KeyValueCursor c = t.indexScan(table, index, KeyRange.point(new byte[] {(byte) first}), descending)) {
            while (c.next()) {
                long k = keyValue(c.value());
                if (k >= base && k < base + 100) keys.add(k - base);
            }
        }
        return keys;
    }

    private static String text(byte[] row) {
        return new String(row, 1, row.length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void readsSeeTheSnapshotWhateverCommitsAfterIt() {
        write(t -> {
            for (int i = 1; i <= 4; i++) t.insert(table, key(base + i), row(1, "v" + i));
        });
        Transaction old = tm.begin(Isolation.REPEATABLE_READ, true);
        assertEquals(List.of("1=v1", "2=v2", "3=v3", "4=v4"), scan(old, false));
        write(t -> {
            t.delete(table, key(base + 2));
            t.update(table, key(base + 3), row(2, "moved"));
            t.insert(table, key(base + 5), row(1, "v5"));
        });
        write(t -> t.insert(table, key(base + 2), row(1, "again")));
        assertEquals(List.of("1=v1", "2=v2", "3=v3", "4=v4"), scan(old, false));
        assertEquals(List.of("4=v4", "3=v3", "2=v2", "1=v1"), scan(old, true));
        assertArrayEquals(row(1, "v3"), old.get(table, key(base + 3)));
        assertNull(old.get(table, key(base + 5)));
        assertEquals(List.of(1L, 2L, 3L, 4L), indexScan(old, 1, false));
        assertEquals(List.of(4L, 3L, 2L, 1L), indexScan(old, 1, true));
        assertEquals(List.of(), indexScan(old, 2, false));

        Transaction now = tm.begin(Isolation.REPEATABLE_READ, true);
        assertEquals(List.of("1=v1", "2=again", "3=moved", "4=v4", "5=v5"), scan(now, false));
        assertEquals(List.of(1L, 2L, 4L, 5L), indexScan(now, 1, false));
        assertEquals(List.of(3L), indexScan(now, 2, false));
        old.commit();
        now.commit();
    }

    @Test
    void readCommittedTakesANewSnapshotPerStatement() {
        write(t -> t.insert(table, key(base + 1), row(1, "a")));
        Transaction rc = tm.begin(Isolation.READ_COMMITTED, true);
        rc.startStatement();
        assertEquals(List.of("1=a"), scan(rc, false));
        write(t -> t.update(table, key(base + 1), row(1, "b")));
        assertEquals(List.of("1=a"), scan(rc, false), "the same statement keeps its snapshot");
        rc.startStatement();
        assertEquals(List.of("1=b"), scan(rc, false));
        rc.commit();
    }

    @Test
    void truncateAfterTheSnapshotReadsAsEmptyAsInPostgres() {
        write(t -> t.insert(table, key(base + 1), row(1, "a")));
        Transaction old = tm.begin(Isolation.REPEATABLE_READ, true);
        assertEquals(List.of("1=a"), scan(old, false));
        write(t -> t.truncate(table));
        assertEquals(List.of(), scan(old, false));
        assertNull(old.get(table, key(base + 1)));
        old.commit();
    }

    @Test
    void versionsGoOnceNoSnapshotNeedsThem() {
        write(t -> t.insert(table, key(base + 1), row(1, "0")));
        Transaction old = tm.begin(Isolation.REPEATABLE_READ, true);
        old.get(table, key(base + 1));
        for (int i = 1; i <= 10; i++) {
            String v = Integer.toString(i);
            write(t -> t.update(table, key(base + 1), row(1, v)));
        }
        assertTrue(tm.versionCount() >= 10, "the open snapshot keeps the versions: " + tm.versionCount());
        assertArrayEquals(row(1, "0"), old.get(table, key(base + 1)));
        old.commit();
        write(t -> t.update(table, key(base + 1), row(1, "last")));
        assertEquals(0, tm.versionCount(), "no snapshot open and no history window");
        assertEquals(0, tm.versionBytes());
    }

    /**
     * A writer moves a fixed total between rows, changes their index keys, and deletes and
     * re-inserts rows under new keys, while readers scan at snapshots: every snapshot must show
     * the total and the same rows through the primary key and through the index.
     */
    @Test
    void scannersRacingTheApplyThreadSeeOnlyCommittedStates() throws Exception {
        int rows = 20, each = 100;
        write(t -> {
            for (int i = 0; i < rows; i++) t.insert(table, key(base + i), row(i % 3, Integer.toString(each)));
        });
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            Random random = new Random(42);
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < rows; i++) live.add(base + i);
            long next = base + rows;
            int commits = 0;
            while (!stop.get() && commits < 3_000) {
                int a = random.nextInt(live.size()), b = random.nextInt(live.size());
                if (a == b) continue;
                long ka = live.get(a), kb = live.get(b);
                Transaction t = tm.begin(Isolation.READ_COMMITTED, false);
                int va = Integer.parseInt(text(t.lockRow(table, key(ka), Transaction.LockWait.WAIT)));
                int vb = Integer.parseInt(text(t.lockRow(table, key(kb), Transaction.LockWait.WAIT)));
                int amount = random.nextInt(10);
                t.update(table, key(ka), row(random.nextInt(3), Integer.toString(va - amount)));
                if (random.nextInt(4) == 0 && next < base + 99) {
                    t.delete(table, key(kb));
                    t.insert(table, key(next), row(random.nextInt(3), Integer.toString(vb + amount)));
                    live.set(b, next++);
                } else {
                    t.update(table, key(kb), row(random.nextInt(3), Integer.toString(vb + amount)));
                }
                t.commit();
                commits++;
            }
            return commits;
        });
        int checks = 0;
        while (!writer.isDone() && checks < 400) {
            Transaction r = tm.begin(Isolation.REPEATABLE_READ, true);
            long sum = 0;
            List<Long> byKey = new ArrayList<>();
            for (String s : scan(r, checks % 2 == 1)) {
                byKey.add(Long.parseLong(s.substring(0, s.indexOf('='))));
                sum += Long.parseLong(s.substring(s.indexOf('=') + 1));
            }
            assertEquals((long) rows * each, sum, "primary-key scan total at check " + checks);
            assertEquals(rows, byKey.size(), "rows at check " + checks);
            List<Long> byIndex = new ArrayList<>();
            long indexSum = 0;
            for (int first = 0; first < 3; first++) {
                for (long k : indexScan(r, first, checks % 3 == 0)) {
                    byIndex.add(k);
                    byte[] row = r.get(table, key(base + k));
                    assertEquals(first, row[0], "index entry matches the snapshot's row");
                    indexSum += Long.parseLong(text(row));
                }
            }
            assertEquals((long) rows * each, indexSum, "index scan total at check " + checks);
            byIndex.sort(null);
            byKey.sort(null);
            assertEquals(byKey, byIndex, "the index and the primary key agree at check " + checks);
            r.commit();
            checks++;
        }
        stop.set(true);
        assertTrue(writer.get(60, TimeUnit.SECONDS) > 0);
        assertTrue(checks > 0);
    }
}
