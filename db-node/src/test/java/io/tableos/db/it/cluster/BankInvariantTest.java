package io.tableos.db.it.cluster;

import static io.tableos.db.it.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Money is neither created nor lost while the leader of a three-node cluster is SIGKILLed
 * and restarted five times under load. Eight clients move money between 100 accounts
 * through the multi-host URL; each transfer also inserts a row into a transfer log in the
 * same transaction. Afterwards: the total is unchanged; every acknowledged transfer is in
 * the log exactly once; no transfer that failed for sure (rolled back, 40001, 25006) is;
 * a commit whose outcome was unknown (08xxx, connection lost) is settled by the log; and
 * every balance equals its opening balance plus the logged transfers. Meanwhile an auditor on
 * every node sums all balances in read-only REPEATABLE READ and SERIALIZABLE transactions:
 * each sum reads one snapshot, so it always totals the opening money and never fails with
 * 40001. Also prints the time from each kill to the first acknowledged transfer on the new leader.
 */
class BankInvariantTest {
    static final int ACCOUNTS = 100;
    static final long OPENING_BALANCE = 1_000;
    static final int CLIENTS = 8;
    static final int KILLS = 5;

    @TempDir
    Path dir;

    record Transfer(long id, int from, int to, long amount) {}

    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Long> unknown = ConcurrentHashMap.newKeySet();
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final Map<Long, Transfer> attempted = new ConcurrentHashMap<>();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicLong auditedSums = new AtomicLong();
    private final List<String> auditFailures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void totalBalanceSurvivesLeaderKills() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            cluster.executeOnLeader("CREATE TABLE IF NOT EXISTS accounts (id int8 PRIMARY KEY, balance int8 NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS transfers (id int8 PRIMARY KEY, src int8 NOT NULL, dst int8 NOT NULL, amount int8 NOT NULL)",
                    "INSERT INTO accounts SELECT g, " + OPENING_BALANCE + " FROM generate_series(1, " + ACCOUNTS + ") g ON CONFLICT DO NOTHING");
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Thread t = new Thread(() -> runClient(cluster, client, stop), "bank-client-" + i);
                t.start();
                clients.add(t);
            }
            for (int id : cluster.members().keySet()) {
                Thread t = new Thread(() -> audit(cluster, id, stop), "bank-auditor-" + id);
                t.start();
                clients.add(t);
            }
            List<Long> failoverMillis = new ArrayList<>();
            try {
                for (int kill = 0; kill < KILLS; kill++) {
                    long before = acknowledged.size();
                    eventually(() -> acknowledged.size() >= before + 50, "50 transfers before kill " + kill, 120);
                    int leader = cluster.awaitLeader();
                    long killed = System.nanoTime();
                    cluster.kill(leader);
                    eventually(() -> lastAckNanos.get() > killed, "a transfer acknowledged after kill " + kill, 60);
                    failoverMillis.add((lastAckNanos.get() - killed) / 1_000_000);
                    cluster.start(leader);
                }
                long before = acknowledged.size();
                eventually(() -> acknowledged.size() >= before + 50, "transfers after the last restart", 120);
            } finally {
                stop.set(true);
                for (Thread t : clients) t.join(120_000);
            }
            List<Long> sorted = new ArrayList<>(failoverMillis);
            Collections.sort(sorted);
            System.out.printf("bank: %d acknowledged, %d unknown, %d failed; failover ms per kill %s, median %d%n",
                    acknowledged.size(), unknown.size(), failed.size(), failoverMillis, sorted.get(sorted.size() / 2));
            System.out.printf("bank: %d read-only sums audited%n", auditedSums.get());
            assertEquals(List.of(), auditFailures, "read-only sums that failed or were wrong");
            assertTrue(auditedSums.get() > 0, "sums were audited");
            verify(cluster);
        }
    }

    /** Sums every balance on node {@code id} in read-only snapshot transactions until stopped. */
    private void audit(TestCluster cluster, int id, AtomicBoolean stop) {
        long total = ACCOUNTS * OPENING_BALANCE;
        int round = 0;
        while (!stop.get()) {
            try (Connection c = cluster.connect(id)) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                while (!stop.get()) {
                    c.setTransactionIsolation(++round % 2 == 0 ? Connection.TRANSACTION_REPEATABLE_READ
                            : Connection.TRANSACTION_SERIALIZABLE);
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
                        rs.next();
                        long accounts = rs.getLong(1), sum = rs.getLong(2);
                        c.commit();
                        // A node replaying its log may serve the state before the accounts were opened.
                        if (accounts == 0) continue;
                        if (accounts != ACCOUNTS || sum != total) auditFailures.add("node " + id + " read " + accounts + " accounts summing " + sum);
                        auditedSums.incrementAndGet();
                    } catch (SQLException e) {
                        rollbackQuietly(c);
                        if (isConnectionLoss(e)) throw e;
                        // A follower that has not applied the CREATE TABLE yet: not a failure of the read.
                        if (!"42P01".equals(e.getSQLState())) auditFailures.add("node " + id + ": " + e.getSQLState() + " " + e.getMessage());
                    }
                }
            } catch (SQLException e) {
                // the node was killed: reconnect when it is back
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void runClient(TestCluster cluster, int client, AtomicBoolean stop) {
        Random random = new Random(client);
        long sequence = 0;
        while (!stop.get()) {
            try (Connection c = cluster.connect()) {
                c.setAutoCommit(false);
                PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ? WHERE id = ?");
                PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
                PreparedStatement log = c.prepareStatement("INSERT INTO transfers VALUES (?, ?, ?, ?)");
                while (!stop.get()) {
                    int from = 1 + random.nextInt(ACCOUNTS);
                    int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    Transfer t = new Transfer(client * 1_000_000_000L + ++sequence, from, to, 1 + random.nextInt(50));
                    attempted.put(t.id(), t);
                    try {
                        debit.setLong(1, t.amount());
                        debit.setLong(2, t.from());
                        debit.executeUpdate();
                        credit.setLong(1, t.amount());
                        credit.setLong(2, t.to());
                        credit.executeUpdate();
                        log.setLong(1, t.id());
                        log.setLong(2, t.from());
                        log.setLong(3, t.to());
                        log.setLong(4, t.amount());
                        log.executeUpdate();
                    } catch (SQLException e) {
                        failed.add(t.id()); // COMMIT never sent: nothing of it can be committed
                        rollbackQuietly(c);
                        if (isConnectionLoss(e)) throw e;
                        continue;
                    }
                    try {
                        c.commit();
                        acknowledged.add(t.id());
                        lastAckNanos.set(System.nanoTime());
                    } catch (SQLException e) {
                        String state = e.getSQLState();
                        if ("40001".equals(state) || "25006".equals(state) || "40P01".equals(state)) {
                            failed.add(t.id());
                            rollbackQuietly(c);
                        } else {
                            unknown.add(t.id());
                            throw e;
                        }
                    }
                }
            } catch (SQLException e) {
                // reconnect: the multi-host URL finds the (new) leader
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static boolean isConnectionLoss(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back
        }
    }

    private void verify(TestCluster cluster) throws Exception {
        int leader = cluster.awaitLeader();
        Map<Long, Integer> logged = new HashMap<>();
        Map<Integer, Long> balances = new HashMap<>();
        try (Connection c = cluster.connect(leader); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    logged.merge(id, 1, Integer::sum);
                    Transfer t = attempted.get(id);
                    assertTrue(t != null, "logged transfer " + id + " was never attempted");
                    assertEquals(t, new Transfer(id, rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                while (rs.next()) balances.put(rs.getInt(1), rs.getLong(2));
            }
        }
        assertEquals(ACCOUNTS, balances.size());
        assertEquals(ACCOUNTS * OPENING_BALANCE, balances.values().stream().mapToLong(Long::longValue).sum(), "total balance");
        for (long id : acknowledged) assertEquals(1, logged.getOrDefault(id, 0), "acknowledged transfer " + id);
        for (long id : failed) assertEquals(0, logged.getOrDefault(id, 0), "failed transfer " + id + " is in the log");
        for (long id : logged.keySet()) {
            assertTrue(acknowledged.contains(id) || unknown.contains(id), "transfer " + id + " logged but neither acknowledged nor unknown");
        }
        Map<Integer, Long> expected = new HashMap<>();
        for (int a = 1; a <= ACCOUNTS; a++) expected.put(a, OPENING_BALANCE);
        for (long id : logged.keySet()) {
            Transfer t = attempted.get(id);
            expected.merge(t.from(), -t.amount(), Long::sum);
            expected.merge(t.to(), t.amount(), Long::sum);
        }
        assertEquals(expected, balances, "balances equal opening balances plus the logged transfers");
        // Every replica converges to the same state.
        long transfers = logged.size();
        for (int id : cluster.members().keySet()) {
            eventually(() -> {
                try {
                    return cluster.queryLong(id, "SELECT count(*) FROM transfers") == transfers;
                } catch (SQLException e) {
                    return false;
                }
            }, "node " + id + " to hold every transfer", 60);
        }
    }
}
