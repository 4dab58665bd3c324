package io.tableos.db.it.cluster;

import static io.tableos.db.it.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-node cluster of real node processes, through pgJDBC: the multi-host URL with
 * targetServerType=primary reaches the leader; followers serve reads, report
 * transaction_read_only = on and refuse writes with 25006 naming the leader; sys.nodes and
 * sys.metrics describe the group; a restarted follower catches up from the log; nodes are
 * added and removed through SQL while a client writes; a node whose data was wiped rejoins
 * (removed, wiped, started, added back) by installing the leader's snapshot.
 */
class ClusterBasicsTest {
    /**
     * A follower, checked to report transaction_read_only = on. Leadership may move under a
     * loaded machine between finding the leader and asking; only a stable leader makes "off"
     * on another node a failure.
     */
    static int aFollowerReportingReadOnly(TestCluster cluster, int leader) throws Exception {
        for (int attempt = 0; ; attempt++) {
            int candidate = leader;
            int follower = cluster.members().keySet().stream().filter(id -> id != candidate).findFirst().orElseThrow();
            String readOnly;
            try (Connection c = cluster.connect(follower); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
                rs.next();
                readOnly = rs.getString(1);
            }
            int leaderNow = cluster.awaitLeader();
            if (leaderNow == leader || attempt == 5) {
                assertEquals("on", readOnly, "follower " + follower + " while node " + leader + " leads");
                return follower;
            }
            leader = leaderNow;
        }
    }

    @TempDir
    Path dir;

    @Test
    void routingFollowerReadsMembershipAndCatchUp() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            int leader = cluster.awaitLeader();
            cluster.executeOnLeader("CREATE TABLE IF NOT EXISTS kv (k int8 PRIMARY KEY, v text)",
                    "INSERT INTO kv SELECT g, 'v' || g FROM generate_series(1, 100) g ON CONFLICT DO NOTHING");
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
                    rs.next();
                    assertEquals("off", rs.getString(1));
                }
            }
            int follower = aFollowerReportingReadOnly(cluster, leader);
            int currentLeader = cluster.awaitLeader();
            String leaderSql = cluster.members().get(currentLeader).sqlAddress();
            try (Connection c = cluster.connect(follower); Statement s = c.createStatement()) {
                eventually(() -> count(cluster, follower) == 100, "the follower to replicate", 30);
                SQLException refused = assertThrows(SQLException.class, () -> s.execute("INSERT INTO kv VALUES (1000, 'x')"));
                assertEquals("25006", refused.getSQLState());
                assertTrue(refused.getMessage().contains(leaderSql), () -> "names the leader " + leaderSql + ": " + refused.getMessage());
                // sys.nodes: three members, this follower's own row, the leader named.
                try (ResultSet rs = s.executeQuery("SELECT id, role, is_self, lag, address FROM sys.nodes ORDER BY id")) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        if (rs.getInt(1) == leader) assertEquals("leader", rs.getString(2));
                        if (rs.getBoolean(3)) {
                            assertEquals(follower, rs.getInt(1));
                            assertEquals("follower", rs.getString(2));
                        }
                    }
                    assertEquals(3, rows);
                }
            }
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                Map<String, Long> metrics = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT name, value FROM sys.metrics")) {
                    while (rs.next()) metrics.put(rs.getString(1), rs.getLong(2));
                }
                assertTrue(metrics.keySet().containsAll(Set.of("entries_submitted", "transactions_sequenced", "applied_sequence",
                        "commits_per_second", "raft_commit_index")), metrics.toString());
                // Where commit time goes (CommitTimings): the leader timed the commits and entries it sequenced.
                s.execute("CREATE TABLE commit_timed (k int8 PRIMARY KEY)"); // not kv: its count is checked below
                s.execute("INSERT INTO commit_timed VALUES (1)");
                try (ResultSet rs = s.executeQuery("SELECT name, value FROM sys.metrics WHERE name IN "
                        + "('commits_timed', 'commit_wait_us_total', 'entries_timed', 'entry_replicate_us_total')")) {
                    while (rs.next()) assertTrue(rs.getLong(2) > 0, rs.getString(1) + " after a commit on the leader");
                }
                // Ratis' timers: the leader's log worker synced the entries it wrote.
                try (ResultSet rs = s.executeQuery("SELECT count FROM sys.raft_timers "
                        + "WHERE component = 'log_worker' AND name LIKE '%.syncTime'")) {
                    assertTrue(rs.next(), "the log worker's fsync timer");
                    assertTrue(rs.getLong(1) > 0);
                }
            }

            // A follower killed while writes go on catches up from the log when restarted.
            cluster.kill(follower);
            insertRange(cluster, 101, 300);
            long restarted = System.nanoTime();
            cluster.start(follower);
            long ready = System.nanoTime();
            eventually(() -> count(cluster, follower) == 300, "the restarted follower to catch up", 60);
            System.out.printf("restarted follower: process ready in %d ms, caught up %d ms later%n",
                    (ready - restarted) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);

            // Membership through SQL while a client keeps writing.
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> writeUntil(cluster, stop, acknowledged), "writer");
            writer.start();
            try {
                TestCluster.Address added = cluster.startNewNode();
                call(cluster, "SELECT sys.add_node(" + added.id() + ", '127.0.0.1', " + added.raftPort() + ", "
                        + added.sqlPort() + ")");
                assertEquals(4, cluster.queryLong(cluster.awaitLeader(), "SELECT count(*) FROM sys.nodes"));
                SQLException duplicate = assertThrows(SQLException.class, () -> call(cluster,
                        "SELECT sys.add_node(" + added.id() + ", '127.0.0.1', " + added.raftPort() + ", " + added.sqlPort() + ")"));
                assertEquals("42710", duplicate.getSQLState());

                int removed = cluster.members().keySet().stream()
                        .filter(id -> id != added.id() && id != leaderOf(cluster)).findFirst().orElseThrow();
                call(cluster, "SELECT sys.remove_node(" + removed + ")");
                cluster.forget(removed);
                assertEquals(3, cluster.queryLong(cluster.awaitLeader(), "SELECT count(*) FROM sys.nodes"));

                // Wiped data: remove, wipe, start fresh with the peer list, add back: snapshot installation.
                try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // the leader takes snapshots on its own schedule; catch-up works either way
                }
                int wiped = cluster.members().keySet().stream().filter(id -> id != leaderOf(cluster)).findFirst().orElseThrow();
                call(cluster, "SELECT sys.remove_node(" + wiped + ")");
                cluster.kill(wiped);
                cluster.wipe(wiped);
                cluster.start(wiped);
                long rejoin = System.nanoTime(); // from the fresh process's readiness
                TestCluster.Address w = cluster.members().get(wiped);
                call(cluster, "SELECT sys.add_node(" + wiped + ", '127.0.0.1', " + w.raftPort() + ", " + w.sqlPort() + ")");
                eventually(() -> count(cluster, wiped) >= 300, "the wiped node to rejoin", 60);
                System.out.printf("wiped node rejoined in %d ms%n", (System.nanoTime() - rejoin) / 1_000_000);
            } finally {
                stop.set(true);
                writer.join(60_000);
            }
            assertTrue(acknowledged.size() > 20, "writes went on during membership changes: " + acknowledged.size());
            int finalLeader = cluster.awaitLeader();
            long total = cluster.queryLong(finalLeader, "SELECT count(*) FROM kv");
            for (int id : cluster.members().keySet()) {
                eventually(() -> count(cluster, id) == total, "node " + id + " to converge", 60);
            }
            try (Connection c = cluster.connect(finalLeader); Statement s = c.createStatement()) {
                for (long k : acknowledged) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM kv WHERE k = " + k)) {
                        rs.next();
                        assertEquals(1, rs.getLong(1), "acknowledged key " + k);
                    }
                }
            }
            assertNotEquals(-1, finalLeader);
        }
    }

    static int leaderOf(TestCluster cluster) {
        try {
            return cluster.awaitLeader();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(TestCluster cluster, int id) {
        try {
            return cluster.queryLong(id, "SELECT count(*) FROM kv");
        } catch (SQLException e) {
            return -1;
        }
    }

    static void call(TestCluster cluster, String sql) throws SQLException {
        try (Connection c = cluster.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            System.out.println(sql + " -> " + rs.getString(1));
        }
    }

    static void insertRange(TestCluster cluster, long from, long to) throws SQLException {
        try (Connection c = cluster.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
            for (long k = from; k <= to; k++) {
                p.setLong(1, k);
                p.setString(2, "v" + k);
                p.executeUpdate();
            }
        }
    }

    /** Autocommit inserts with fresh keys; reconnects through the multi-host URL after errors. */
    static void writeUntil(TestCluster cluster, AtomicBoolean stop, Set<Long> acknowledged) {
        long k = 1_000_000;
        while (!stop.get()) {
            try (Connection c = cluster.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO kv VALUES (?, 'w')")) {
                while (!stop.get()) {
                    p.setLong(1, ++k);
                    p.executeUpdate();
                    acknowledged.add(k);
                }
            } catch (SQLException e) {
                // leadership moved or the node went away: reconnect (the key is not reused)
            }
        }
    }
}
