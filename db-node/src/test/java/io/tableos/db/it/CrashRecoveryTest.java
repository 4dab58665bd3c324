package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test: client threads commit three-row transactions while the node is killed with
 * SIGKILL after a random number of acknowledged commits; after every restart each
 * acknowledged transaction is present whole, a transaction whose COMMIT was never sent is
 * absent, and one whose COMMIT was in flight is all or nothing. 20 cycles, seed logged.
 *
 * <p>Fault model: the whole node process dies at an arbitrary instant (no clean shutdown,
 * buffered but unsynced file data lost only if the OS also dies, which this test does not do).
 */
class CrashRecoveryTest {
    static final int CYCLES = 20;
    static final int CLIENTS = 4;

    @TempDir
    Path dir;

    /** Transaction ids by outcome as the clients saw it. */
    final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<Long> commitInFlight = ConcurrentHashMap.newKeySet();
    final Set<Long> neverCommitted = ConcurrentHashMap.newKeySet();
    final AtomicLong nextTransactionId = new AtomicLong(1);

    @Test
    void acknowledgedCommitsSurviveSigkill() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        String context = "seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")";
        try (TestNode node = TestNode.start(dir)) {
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ledger (txid bigint, part int, note text, PRIMARY KEY (txid, part))");
            }
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                int killAfterAcks = 5 + random.nextInt(60);
                runClientsAndKill(node, killAfterAcks);
                node.start();
                verify(node, context + ", cycle " + cycle);
            }
        }
    }

    private void runClientsAndKill(TestNode node, int killAfterAcks) throws InterruptedException {
        CountDownLatch enoughAcks = new CountDownLatch(killAfterAcks);
        Thread[] clients = new Thread[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = new Thread(() -> commitUntilTheNodeDies(node, enoughAcks), "crash-client-" + i);
            clients[i].start();
        }
        boolean progressed = enoughAcks.await(120, java.util.concurrent.TimeUnit.SECONDS);
        node.kill();
        for (Thread t : clients) t.join();
        assertTrue(progressed, "clients stopped getting commits acknowledged:\n" + node.output());
    }

    private void commitUntilTheNodeDies(TestNode node, CountDownLatch acks) {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (true) {
                long txid = nextTransactionId.getAndIncrement();
                neverCommitted.add(txid);
                for (int part = 1; part <= 3; part++) {
                    s.executeUpdate("INSERT INTO ledger VALUES (" + txid + ", " + part + ", 'n" + txid + "')");
                }
                neverCommitted.remove(txid);
                commitInFlight.add(txid);
                c.commit();
                commitInFlight.remove(txid);
                acknowledged.add(txid);
                acks.countDown();
            }
        } catch (SQLException e) {
            // the node died under us (or refused us while dying): expected
        }
    }

    private void verify(TestNode node, String context) throws SQLException {
        Map<Long, Integer> partsByTxid = new HashMap<>();
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT txid, count(*) FROM ledger GROUP BY txid")) {
            while (rs.next()) partsByTxid.put(rs.getLong(1), rs.getInt(2));
        }
        for (long txid : acknowledged) {
            assertEquals(3, partsByTxid.getOrDefault(txid, 0), "acknowledged transaction " + txid + " lost; " + context);
        }
        for (long txid : neverCommitted) {
            assertTrue(!partsByTxid.containsKey(txid), "uncommitted transaction " + txid + " visible; " + context);
        }
        for (Map.Entry<Long, Integer> e : partsByTxid.entrySet()) {
            assertEquals(3, e.getValue(), "transaction " + e.getKey() + " applied partially; " + context);
            assertTrue(acknowledged.contains(e.getKey()) || commitInFlight.contains(e.getKey()),
                    "transaction " + e.getKey() + " appeared without being committed; " + context);
        }
        // An in-flight commit's outcome is now known: settle it so later cycles check it too.
        for (long txid : Set.copyOf(commitInFlight)) {
            commitInFlight.remove(txid);
            if (partsByTxid.containsKey(txid)) acknowledged.add(txid); else neverCommitted.add(txid);
        }
    }
}
