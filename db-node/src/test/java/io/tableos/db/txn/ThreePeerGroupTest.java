package io.tableos.db.txn;

import static io.tableos.db.txn.TestCluster.key;
import static io.tableos.db.txn.TestCluster.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.replication.RaftStatus;
import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three peers in one JVM on loopback ports: commits on the leader reach every replica in
 * the same order, followers refuse writes naming the leader's SQL address (25006), and
 * after the leader stops another peer takes over with every acknowledged commit.
 */
class ThreePeerGroupTest {
    @TempDir
    Path dir;

    /** Polls a condition that another node's threads make true; bounded, not a sleep for ordering. */
    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private static TransactionManagerImpl leaderOf(List<TransactionManagerImpl> nodes) {
        for (TransactionManagerImpl n : nodes) if (n != null && n.isLeader()) return n;
        return null;
    }

    @Test
    void replicatesFailsOverAndRedirectsWrites() throws Exception {
        List<RaftPeerAddress> peers = TestCluster.peers(3);
        List<TransactionManagerImpl> nodes = new ArrayList<>();
        List<InMemoryStorage> storages = new ArrayList<>();
        for (RaftPeerAddress p : peers) {
            InMemoryStorage storage = new InMemoryStorage();
            storages.add(storage);
            TransactionManagerImpl tm = new TransactionManagerImpl(TestCluster.config(p.id(), peers, dir), storage, new Catalog());
            tm.start();
            nodes.add(tm);
        }
        try {
            eventually(() -> leaderOf(nodes) != null, "a leader");
            TransactionManagerImpl leader = leaderOf(nodes);
            TestCluster.createTable(leader);
            for (long k = 0; k < 20; k++) {
                Transaction t = leader.begin(Isolation.SERIALIZABLE, false);
                t.insert(leader.storage().table(TestCluster.TABLE_ID), key(k), row(1, "v" + k));
                t.commit();
            }
            long applied = leader.appliedSequence();
            for (TransactionManagerImpl n : nodes) eventually(() -> n.appliedSequence() >= applied, "replication");
            for (InMemoryStorage s : storages) {
                for (long k = 0; k < 20; k++) assertArrayEquals(row(1, "v" + k), s.table(TestCluster.TABLE_ID).get(key(k)));
            }

            TransactionManagerImpl follower = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            String leaderSql = peers.get(nodes.indexOf(leader)).sqlAddress();
            eventually(() -> leaderSql.equals(follower.leaderAddress()), "follower to know the leader");
            Transaction onFollower = follower.begin(Isolation.SERIALIZABLE, false);
            assertArrayEquals(row(1, "v3"), onFollower.get(follower.storage().table(TestCluster.TABLE_ID), key(3)));
            DbException refused = org.junit.jupiter.api.Assertions.assertThrows(DbException.class,
                    () -> onFollower.insert(follower.storage().table(TestCluster.TABLE_ID), key(99), row(1, "x")));
            assertEquals("25006", refused.sqlState());
            assertTrue(refused.getMessage().contains(leaderSql), refused.getMessage());
            onFollower.commit(); // read-only so far: validates locally

            RaftStatus status = leader.raftStatus();
            assertEquals("LEADER", status.role());
            assertEquals(3, status.peers().size());
            assertTrue(status.commitIndex() >= 21);

            int leaderIndex = nodes.indexOf(leader);
            leader.close();
            nodes.set(leaderIndex, null);
            eventually(() -> leaderOf(nodes) != null, "a new leader");
            TransactionManagerImpl next = leaderOf(nodes);
            Transaction t = next.begin(Isolation.SERIALIZABLE, false);
            t.insert(next.storage().table(TestCluster.TABLE_ID), key(100), row(1, "after failover"));
            t.commit();
            for (long k = 0; k < 20; k++) assertNotNull(next.storage().table(TestCluster.TABLE_ID).get(key(k)));
        } finally {
            for (TransactionManagerImpl n : nodes) if (n != null) n.close();
        }
    }
}
