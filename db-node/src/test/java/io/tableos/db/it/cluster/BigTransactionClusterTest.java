package io.tableos.db.it.cluster;

import static io.tableos.db.it.BigTransactionTest.HEAP;
import static io.tableos.db.it.BigTransactionTest.ROWS;
import static io.tableos.db.it.BigTransactionTest.STAGE_BYTES;
import static io.tableos.db.it.BigTransactionTest.copyRows;
import static io.tableos.db.it.BigTransactionTest.countAndSum;
import static io.tableos.db.it.BigTransactionTest.expectedSum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions larger than one Raft entry on a 3-node cluster (node processes, GRPC): one
 * UPDATE of every row and one DELETE of every row, each in one transaction, reach every replica
 * whole (count and sum read on each node). And a leader killed while a big transaction's rows
 * are being staged: every surviving replica holds all of it or none of it (all of it when the
 * client was told it committed), the dead leader's stage goes once the next leader writes, the
 * client's error (if any) says whether to retry, and the restarted node agrees after replay.
 * Sizes as in {@link io.tableos.db.it.BigTransactionTest}.
 */
class BigTransactionClusterTest {
    /**
     * 2.5-5 s: three nodes in 1 GB serial-GC heaps applying 100K-row transactions on a 2-core
     * host at load 20-30 paused up to 2.2 s in GC, which elected new leaders mid-test at 0.6-1.2 s.
     */
    static final String ELECTION_TIMEOUT = "-Dtableos.electiontimeoutms=2500";

    @TempDir
    Path dir;

    @Test
    void updateAndDeleteOfEveryRowReachEveryReplica() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, "-Xmx" + HEAP, List.of("-Dtableos.txn.stagebytes=" + STAGE_BYTES, ELECTION_TIMEOUT))) {
            cluster.executeOnLeader("CREATE TABLE IF NOT EXISTS big_cluster (id int PRIMARY KEY, v int, pad text)");
            try (Connection c = patient(cluster.jdbcUrl())) {
                copyRows(c, "big_cluster", ROWS);
            }
            awaitOnEveryNode(cluster, "big_cluster", ROWS + " " + expectedSum(ROWS, 0));
            Map<Integer, Long> stagedBefore = new TreeMap<>();
            for (int id : cluster.members().keySet()) stagedBefore.put(id, stagedCommits(cluster, id));
            // Idempotent, so a commit whose outcome a leader change hid may be run again.
            inOneTransaction(cluster, "UPDATE big_cluster SET v = id % 1000 + 1");
            awaitOnEveryNode(cluster, "big_cluster", ROWS + " " + expectedSum(ROWS, 1));
            for (int id : cluster.members().keySet()) {
                assertEquals(stagedBefore.get(id) + 1, stagedCommits(cluster, id), "node " + id + " installed the UPDATE from staged chunks");
            }
            inOneTransaction(cluster, "DELETE FROM big_cluster");
            awaitOnEveryNode(cluster, "big_cluster", "0 null");
        }
    }

    @Test
    void leaderKilledWhileStagingLeavesAllOrNothing() throws Exception {
        // Small chunks: the staging takes many round trips, so the kill lands in it.
        try (TestCluster cluster = TestCluster.start(dir, 3, "-Xmx" + HEAP, List.of("-Dtableos.txn.stagebytes=65536", ELECTION_TIMEOUT))) {
            cluster.executeOnLeader("CREATE TABLE IF NOT EXISTS big_kill (id int PRIMARY KEY, v int, pad text)");
            try (Connection c = patient(cluster.jdbcUrl())) {
                copyRows(c, "big_kill", ROWS);
            }
            String before = ROWS + " " + expectedSum(ROWS, 0);
            String after = ROWS + " " + expectedSum(ROWS, 1);
            awaitOnEveryNode(cluster, "big_kill", before);
            int leader = cluster.leaderId();
            Connection c = patient(cluster.nodeUrl(leader));
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            assertEquals(ROWS, s.executeUpdate("UPDATE big_kill SET v = v + 1"));
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    c.commit();
                    return "committed";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            Path staged = dir.resolve("node" + leader).resolve("data").resolve("raft-staged");
            TestCluster.eventually(() -> outcome.isDone() || stagedFiles(staged) > 0, "the leader staging chunks", 120);
            boolean killedWhileStaging = !outcome.isDone();
            cluster.kill(leader);
            String result = outcome.get(120, TimeUnit.SECONDS);
            System.out.println("leader killed " + (killedWhileStaging ? "while staging" : "after the commit") + "; client saw " + result);
            // 40001: not committed, retry; 08xxx: connection lost or outcome unknown.
            assertTrue(result.equals("committed") || result.equals("40001") || result.startsWith("08"), result);
            // A write of the new term: once applied on the new leader, everything before it is
            // too; and it ends the dead leader's stage on every survivor.
            cluster.executeOnLeader("CREATE TABLE IF NOT EXISTS big_kill_marker (id int PRIMARY KEY)");
            String survivors = readOrNull(cluster, cluster.leaderId(), "big_kill");
            assertTrue(before.equals(survivors) || after.equals(survivors), "all or nothing: " + survivors);
            if (result.equals("committed")) assertEquals(after, survivors, "an acknowledged commit survives");
            if (result.equals("40001")) assertEquals(before, survivors, "40001 means it did not commit");
            for (int id : cluster.members().keySet()) {
                if (id == leader) continue;
                String expected = survivors;
                TestCluster.eventually(() -> expected.equals(readOrNull(cluster, id, "big_kill")), "node " + id + " agreeing", 60);
                Path dirOfId = dir.resolve("node" + id).resolve("data").resolve("raft-staged");
                TestCluster.eventually(() -> stagedFiles(dirOfId) == 0, "node " + id + " dropping the orphaned stage", 60);
            }
            cluster.start(leader);
            String expected = survivors;
            TestCluster.eventually(() -> expected.equals(readOrNull(cluster, leader, "big_kill")),
                    "the restarted node agreeing after replay", 120);
        }
    }

    private static void awaitOnEveryNode(TestCluster cluster, String table, String expected) throws InterruptedException {
        for (int id : cluster.members().keySet()) {
            TestCluster.eventually(() -> expected.equals(readOrNull(cluster, id, table)), table + " on node " + id, 120);
        }
    }

    /**
     * Runs an idempotent statement on every row in one transaction on the leader, again after a
     * leader change (40001, 25006, 08xxx; elections happen on this loaded host when a node's GC
     * pauses past the election timeout), at most five times.
     */
    private static void inOneTransaction(TestCluster cluster, String sql) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = patient(cluster.jdbcUrl()); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                int rows = s.executeUpdate(sql);
                c.commit();
                if (!sql.startsWith("DELETE") || attempt == 1) assertEquals(ROWS, rows, sql);
                return;
            } catch (SQLException e) {
                String state = String.valueOf(e.getSQLState());
                boolean leaderChange = state.equals("40001") || state.equals("25006") || state.startsWith("08");
                if (!leaderChange || attempt == 5) throw e;
                System.out.println("retrying after a leader change (" + state + "): " + sql);
                cluster.awaitLeader();
            }
        }
    }

    /**
     * A connection without the harness's 10 s socket timeout: a big statement or commit on a
     * loaded 3-node cluster may answer later than that (the kill test's lost leader still
     * ends the wait: its socket closes).
     */
    private static Connection patient(String url) throws SQLException {
        return DriverManager.getConnection(url + "&socketTimeout=600&connectTimeout=3");
    }

    private static long stagedCommits(TestCluster cluster, int id) throws SQLException {
        return cluster.queryLong(id, "SELECT value FROM sys.metrics WHERE name = 'staged_commits_applied'");
    }

    private static String readOrNull(TestCluster cluster, int id, String table) {
        try (Connection c = cluster.connect(id); Statement s = c.createStatement()) {
            return countAndSum(s, table);
        } catch (SQLException e) {
            return null;
        }
    }

    private static long stagedFiles(Path staged) {
        if (!Files.isDirectory(staged)) return 0;
        try (Stream<Path> files = Files.list(staged)) {
            return files.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
