package io.tableos.db.txn;

import static io.tableos.db.txn.TestCluster.key;
import static io.tableos.db.txn.TestCluster.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transaction layer on a real single-node Raft group over an in-memory storage double:
 * visibility of own writes, validation (write-write via locks, read-write conflicts, lock
 * then read), lock modes, deadlock detection, savepoints, sequences, procedures and group
 * commit. One node is shared; each test uses its own key range.
 */
class TransactionManagerTest {
    @TempDir
    static Path dir;
    static InMemoryStorage storage;
    static TransactionManagerImpl tm;
    static TableStore table;
    static long nextKey = 1;
    long base;

    @BeforeAll
    static void startNode() throws Exception {
        storage = new InMemoryStorage();
        tm = TestCluster.single(dir, storage, new Catalog());
        TestCluster.createTable(tm);
        table = storage.table(TestCluster.TABLE_ID);
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

    private void put(long k, byte[] row) {
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.insert(table, key(k), row);
        t.commit();
    }

    @Test
    void committedWritesAreVisibleAndOwnWritesMergeIntoScans() {
        put(base + 1, row(1, "a"));
        put(base + 3, row(3, "c"));
        assertArrayEquals(row(1, "a"), table.get(key(base + 1)));

        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.insert(table, key(base + 2), row(2, "b"));
        t.delete(table, key(base + 3));
        t.update(table, key(base + 1), row(1, "A"));
        assertArrayEquals(row(2, "b"), t.get(table, key(base + 2)));
        assertNull(t.get(table, key(base + 3)));
        List<Long> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (KeyValueCursor c = t.scan(table, new KeyRange(key(base), true, key(base + 99), true), false)) {
            while (c.next()) {
                keys.add(TestCluster.keyValue(c.key()));
                values.add(new String(c.value(), 1, c.value().length - 1));
            }
        }
        assertEquals(List.of(base + 1, base + 2), keys);
        assertEquals(List.of("A", "b"), values);
        assertNull(table.get(key(base + 2)), "buffered until commit");
        t.commit();
        assertArrayEquals(row(2, "b"), table.get(key(base + 2)));
        assertNull(table.get(key(base + 3)));
    }

    @Test
    void indexScanMergesBufferedRows() {
        put(base + 1, row(7, "x"));
        put(base + 2, row(9, "y"));
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.update(table, key(base + 1), row(9, "moved"));
        t.insert(table, key(base + 3), row(9, "new"));
        var index = table.def().indexes().get(0);
        List<Long> pks = new ArrayList<>();
        try (KeyValueCursor c = t.indexScan(table, index, KeyRange.point(new byte[] {9}), false)) {
            while (c.next()) pks.add(TestCluster.keyValue(c.value()));
        }
        t.rollback();
        pks.removeIf(k -> k < base || k >= base + 100);
        assertEquals(List.of(base + 1, base + 2, base + 3), pks);
    }

    @Test
    void duplicatePrimaryKeyFailsAtTheStatement() {
        put(base + 1, row(1, "a"));
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        DbException e = assertThrows(DbException.class, () -> t.insert(table, key(base + 1), row(1, "b")));
        assertEquals("23505", e.sqlState());
        t.insert(table, key(base + 2), row(1, "b"));
        assertThrows(DbException.class, () -> t.insert(table, key(base + 2), row(1, "c")));
        t.rollback();
    }

    @Test
    void readThenConcurrentWriteIsASerializationFailure() {
        put(base + 1, row(1, "a"));
        Transaction reader = tm.begin(Isolation.SERIALIZABLE, false);
        reader.get(table, key(base + 1));
        Transaction writer = tm.begin(Isolation.SERIALIZABLE, false);
        writer.update(table, key(base + 1), row(1, "b"));
        writer.commit();
        // Its read is stale already, so its next write fails (it could never commit).
        DbException e = assertThrows(DbException.class, () -> reader.insert(table, key(base + 2), row(2, "depends on a")));
        assertEquals("40001", e.sqlState());
        reader.rollback();
        assertNull(table.get(key(base + 2)));
    }

    @Test
    void rangeReadConflictsWithInsertIntoTheRange() {
        Transaction reader = tm.begin(Isolation.SERIALIZABLE, false);
        try (KeyValueCursor c = reader.scan(table, new KeyRange(key(base), true, key(base + 50), false), false)) {
            while (c.next()) { /* reads nothing */ }
        }
        reader.insert(table, key(base + 60), row(1, "outside"));
        put(base + 10, row(1, "phantom"));
        assertEquals("40001", assertThrows(DbException.class, reader::commit).sqlState());
    }

    @Test
    void readOnlyTransactionReadsOneSnapshotWithoutTheLogAndNeverFails() {
        put(base + 1, row(1, "a"));
        long entries = tm.entriesSubmitted();
        Transaction r = tm.begin(Isolation.SERIALIZABLE, true);
        r.get(table, key(base + 1));
        r.commit();
        assertEquals(entries, tm.entriesSubmitted());
        Transaction old = tm.begin(Isolation.SERIALIZABLE, true);
        assertArrayEquals(row(1, "a"), old.get(table, key(base + 1)));
        put(base + 2, row(1, "b"));
        assertNull(old.get(table, key(base + 2)), "inserted after the snapshot");
        Transaction w = tm.begin(Isolation.SERIALIZABLE, false);
        w.update(table, key(base + 1), row(1, "z"));
        w.commit();
        assertArrayEquals(row(1, "a"), old.get(table, key(base + 1)), "updated after the snapshot");
        old.commit();
        Transaction ro = tm.begin(Isolation.SERIALIZABLE, true);
        assertEquals("25006", assertThrows(DbException.class, () -> ro.insert(table, key(base + 3), row(1, "x"))).sqlState());
    }

    @Test
    void readCommittedLockReturnsTheNewestRow() {
        put(base + 1, row(1, "0"));
        Transaction t = tm.begin(Isolation.READ_COMMITTED, false);
        t.get(table, key(base + 1)); // a read before the lock (e.g. the scan of an UPDATE)
        Transaction other = tm.begin(Isolation.READ_COMMITTED, false);
        other.update(table, key(base + 1), row(1, "1"));
        other.commit();
        byte[] locked = t.lockRow(table, key(base + 1), Transaction.LockWait.WAIT);
        assertArrayEquals(row(1, "1"), locked, "lockRow returns the latest committed row");
        t.update(table, key(base + 1), row(1, "2"));
        t.commit();
        assertArrayEquals(row(1, "2"), table.get(key(base + 1)));
    }

    @Test
    void snapshotLevelsFailToLockARowChangedSinceTheSnapshot() {
        for (Isolation level : List.of(Isolation.REPEATABLE_READ, Isolation.SERIALIZABLE)) {
            long id = base + 1 + level.ordinal();
            put(id, row(1, "0"));
            Transaction t = tm.begin(level, false);
            t.get(table, key(id));
            Transaction other = tm.begin(Isolation.READ_COMMITTED, false);
            other.update(table, key(id), row(1, "1"));
            other.commit();
            assertArrayEquals(row(1, "0"), t.get(table, key(id)), level + " still reads its snapshot");
            assertEquals("40001", assertThrows(DbException.class,
                    () -> t.lockRow(table, key(id), Transaction.LockWait.WAIT)).sqlState(), level.name());
            t.rollback();
        }
    }

    @Test
    void concurrentIncrementsUnderLocksAllSucceed() throws Exception {
        put(base + 1, row(1, "0"));
        int threads = 8, each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                for (int j = 0; j < each; j++) {
                    Transaction t = tm.begin(Isolation.READ_COMMITTED, false);
                    byte[] current = t.lockRow(table, key(base + 1), Transaction.LockWait.WAIT);
                    int n = Integer.parseInt(new String(current, 1, current.length - 1));
                    t.update(table, key(base + 1), row(1, Integer.toString(n + 1)));
                    t.commit(); // never 40001: the lock orders the increments
                }
            }));
        }
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        byte[] finalRow = table.get(key(base + 1));
        assertEquals(threads * each, Integer.parseInt(new String(finalRow, 1, finalRow.length - 1)));
    }

    @Test
    void lockModes() throws Exception {
        put(base + 1, row(1, "a"));
        Transaction holder = tm.begin(Isolation.SERIALIZABLE, false);
        holder.lockRow(table, key(base + 1), Transaction.LockWait.WAIT);
        Transaction other = tm.begin(Isolation.SERIALIZABLE, false);
        assertSame(Transaction.SKIPPED, other.lockRow(table, key(base + 1), Transaction.LockWait.SKIP_LOCKED));
        assertEquals("55P03", assertThrows(DbException.class,
                () -> other.lockRow(table, key(base + 1), Transaction.LockWait.NOWAIT)).sqlState());
        long start = System.nanoTime();
        assertEquals("55P03", assertThrows(DbException.class,
                () -> other.update(table, key(base + 1), row(1, "b"))).sqlState(), "lock timeout");
        assertTrue(System.nanoTime() - start >= 1_500_000_000L);
        holder.rollback();
        assertArrayEquals(row(1, "a"), other.lockRow(table, key(base + 1), Transaction.LockWait.NOWAIT));
        other.rollback();
    }

    @Test
    void lockIsReleasedWhenSequencedAndTheNextHolderReadsThePendingRow() throws Exception {
        put(base + 1, row(1, "a"));
        InMemoryStorage.MemTable memTable = (InMemoryStorage.MemTable) table;
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            memTable.applyGate = gate; // the next applied write waits: t1 stays sequenced, unapplied
            Transaction t1 = tm.begin(Isolation.READ_COMMITTED, false);
            t1.update(table, key(base + 1), row(1, "b"));
            Future<?> c1 = pool.submit(t1::commit);
            Transaction t2 = tm.begin(Isolation.READ_COMMITTED, false);
            // Granted once t1 is sequenced; the latest row comes from the pending layer.
            assertArrayEquals(row(1, "b"), t2.lockRow(table, key(base + 1), Transaction.LockWait.WAIT));
            assertArrayEquals(row(1, "a"), table.get(key(base + 1)), "t1 is not applied yet");
            assertArrayEquals(row(1, "b"), t2.get(table, key(base + 1)), "later reads of the locked row agree");
            t2.update(table, key(base + 1), row(1, "c"));
            Future<?> c2 = pool.submit(t2::commit);
            memTable.applyGate = null;
            gate.countDown();
            c1.get(10, TimeUnit.SECONDS);
            c2.get(10, TimeUnit.SECONDS);
            assertArrayEquals(row(1, "c"), table.get(key(base + 1)), "t2 committed after t1");
        } finally {
            memTable.applyGate = null;
            gate.countDown();
            pool.shutdown();
        }
    }

    @Test
    void deadlockIsDetected() throws Exception {
        put(base + 1, row(1, "a"));
        put(base + 2, row(1, "b"));
        Transaction t1 = tm.begin(Isolation.SERIALIZABLE, false);
        Transaction t2 = tm.begin(Isolation.SERIALIZABLE, false);
        t1.lockRow(table, key(base + 1), Transaction.LockWait.WAIT);
        t2.lockRow(table, key(base + 2), Transaction.LockWait.WAIT);
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<byte[]> t1Waits = pool.submit(() -> {
            waiting.countDown();
            return t1.lockRow(table, key(base + 2), Transaction.LockWait.WAIT);
        });
        waiting.await();
        // t1 may not be waiting yet; t2 retries until the cycle exists and is detected.
        DbException e = null;
        // Bounded by time, not by a spin count: on a busy machine t1 may take long to start waiting.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (e == null && System.nanoTime() < deadline) {
            try {
                if (tm.locks.size() > 0 && t1WaitsFor(t1)) {
                    t2.lockRow(table, key(base + 1), Transaction.LockWait.WAIT);
                }
                Thread.onSpinWait();
            } catch (DbException deadlock) {
                e = deadlock;
            }
        }
        assertEquals("40P01", e.sqlState());
        t2.rollback();
        assertArrayEquals(row(1, "b"), t1Waits.get(10, TimeUnit.SECONDS));
        t1.rollback();
        pool.shutdown();
    }

    private static boolean t1WaitsFor(Transaction t1) {
        return tm.locks.isWaiting(((SessionTransaction) t1).owner);
    }

    @Test
    void savepointsUndoLaterWrites() {
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.insert(table, key(base + 1), row(1, "kept"));
        int sp = t.savepoint();
        t.insert(table, key(base + 2), row(1, "undone"));
        t.update(table, key(base + 1), row(1, "changed"));
        t.rollbackToSavepoint(sp);
        assertNull(t.get(table, key(base + 2)));
        t.commit();
        assertArrayEquals(row(1, "kept"), table.get(key(base + 1)));
        assertNull(table.get(key(base + 2)));
    }

    @Test
    void truncateHidesStoredRows() {
        // A separate table, so other tests' rows survive.
        put(base + 1, row(1, "a"));
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.truncate(table);
        assertNull(t.get(table, key(base + 1)));
        t.rollback();
        assertArrayEquals(row(1, "a"), table.get(key(base + 1)));
    }

    @Test
    void nextvalIsPersistedByCommit() {
        var seq = TestCluster.sequence();
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        long a = t.nextval(seq);
        long b = t.nextval(seq);
        assertEquals(a + 1, b);
        t.commit();
        assertEquals(b, storage.sequenceValue(seq.id()));
        Transaction s = tm.begin(Isolation.SERIALIZABLE, false);
        s.setval(seq, 1000, true);
        s.commit();
        assertEquals(1000, storage.sequenceValue(seq.id()));
        Transaction n = tm.begin(Isolation.SERIALIZABLE, false);
        assertEquals(1001, n.nextval(seq));
        n.rollback();
    }

    @Test
    void notificationsAreDeliveredAtApply() {
        List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        tm.setNotificationSink((pid, channel, payload) -> got.add(channel + ":" + payload));
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        t.notify(7, "jobs", "hello");
        t.commit();
        assertEquals(List.of("jobs:hello"), got);
        tm.setNotificationSink(null);
    }

    @Test
    void proceduresSeePendingWritesAndNeverConflict() throws Exception {
        put(base + 1, row(1, "0"));
        int threads = 8, each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                for (int j = 0; j < each; j++) {
                    tm.runProcedure(t -> {
                        byte[] current = t.get(table, key(base + 1));
                        int n = Integer.parseInt(new String(current, 1, current.length - 1));
                        t.update(table, key(base + 1), row(1, Integer.toString(n + 1)));
                        return n;
                    });
                }
            }));
        }
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        byte[] finalRow = table.get(key(base + 1));
        assertEquals(threads * each, Integer.parseInt(new String(finalRow, 1, finalRow.length - 1)));
        DbException e = assertThrows(DbException.class, () -> tm.runProcedure(t -> {
            t.insert(table, key(base + 1), row(1, "dup"));
            return null;
        }));
        assertEquals("23505", e.sqlState());
    }

    @Test
    void groupCommitPutsManyTransactionsInOneEntry() throws Exception {
        long entriesBefore = tm.entriesSubmitted();
        long itemsBefore = tm.itemsSequenced();
        int threads = 32, each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long first = base + i * 1000L;
            done.add(pool.submit(() -> {
                for (int j = 0; j < each; j++) put(first + j, row(1, "g"));
            }));
        }
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        long entries = tm.entriesSubmitted() - entriesBefore;
        long items = tm.itemsSequenced() - itemsBefore;
        assertEquals(threads * each, items);
        assertTrue(entries < items, "expected batching: " + entries + " entries for " + items + " commits");
        for (int i = 0; i < threads; i++) {
            for (int j = 0; j < each; j++) assertArrayEquals(row(1, "g"), table.get(key(base + i * 1000L + j)));
        }
    }

    @Test
    void aCreationRepeatedWithTheSameIdHasNoEffectAndTheNodeGoesOn() {
        // A client retrying DDL whose first attempt timed out before it was applied sends the same id twice.
        DbException e = assertThrows(DbException.class,
                () -> tm.applyDdl(new DdlOperation.CreateTable(TestCluster.table(), List.of())));
        assertEquals("42P07", e.sqlState());
        put(base + 1, row(1, "still serving"));
        assertArrayEquals(row(1, "still serving"), table.get(key(base + 1)));
    }
}
