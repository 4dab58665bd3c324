package io.tableos.services.pgmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.TestCluster;
import io.tableos.services.OnLeader;
import io.tableos.services.pgmq.PgmqClient.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgmq on a local 3-node cluster across a leader kill (SIGKILL; the node restarts and rejoins).
 * First:
 * every send the cluster acknowledged is in the queue afterwards with the id it was acknowledged
 * with, exactly once; and a message read before the kill and never deleted is read again once its
 * visibility timeout has passed, on the new leader. A send whose answer was lost with the leader
 * (its outcome unknown to the client) is not retried, so every payload is sent at most once.
 */
class PgmqClusterTest {
    static final String QUEUE = "cluster_q";
    static final int SENDS = 400;

    @TempDir
    Path dir;

    @Test
    void acknowledgedSendsSurviveALeaderKillAndAnUndeletedMessageReappears() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            onLeader(cluster, q -> {
                q.create(QUEUE);
                return null;
            });
            long held = onLeader(cluster, q -> q.send(QUEUE, "{\"held\": true}"));
            Message taken = onLeader(cluster, q -> q.read(QUEUE, 3, 1)).get(0);
            assertEquals(held, taken.msgId());

            Map<Integer, Long> acknowledged = new HashMap<>();
            int unknown = 0;
            Connection c = cluster.connect();
            try {
                for (int i = 0; i < SENDS; i++) {
                    if (i == SENDS / 2) {
                        int leader = cluster.awaitLeader();
                        cluster.kill(leader);
                        cluster.awaitLeader();
                        cluster.start(leader);
                    }
                    try {
                        acknowledged.put(i, new PgmqClient(c).send(QUEUE, "{\"i\": " + i + "}"));
                    } catch (SQLException e) {
                        if (!OnLeader.settling(e)) throw e;
                        unknown++;  // lost with the leader, or refused while leadership moves: not retried
                        c.close();
                        c = onLeader(cluster, q -> cluster.connect());
                    }
                }
            } finally {
                c.close();
            }
            System.out.println("pgmq cluster: " + acknowledged.size() + " sends acknowledged, " + unknown + " without an answer");
            assertTrue(acknowledged.size() >= SENDS - 50, "most sends acknowledged: " + acknowledged.size());

            // The held message's vt (3 s) passes on the new leader: the long poll returns it read a second time.
            List<Message> back = onLeader(cluster, q -> q.readWithPoll(QUEUE, 30, 1, 20));
            assertEquals(List.of(held), back.stream().map(Message::msgId).toList());
            assertEquals(2, back.get(0).readCount());

            List<Object[]> rows = onLeader(cluster, q -> q.rows("SELECT msg_id, (message ->> 'i')::int FROM pgmq.messages"
                    + " WHERE queue_name = '" + QUEUE + "' AND (message ->> 'i') IS NOT NULL"));
            Map<Integer, Long> stored = new HashMap<>();
            for (Object[] r : rows) {
                Long previous = stored.put(((Number) r[1]).intValue(), ((Number) r[0]).longValue());
                assertEquals(null, previous, "payload " + r[1] + " stored once");
            }
            for (Map.Entry<Integer, Long> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), stored.get(e.getKey()), "acknowledged send " + e.getKey() + " kept with its id");
            }
            assertTrue(stored.size() <= SENDS);
        }
    }

    /**
     * Consume-transform-produce in client transactions (BEGIN; read; send the transformed message;
     * delete the input; COMMIT) while the leader is SIGKILLed: a transaction whose COMMIT was lost
     * either committed whole or not at all, and an input it did not consume reappears after its vt
     * (2 s) for the next attempt, so every input's output appears exactly once.
     */
    @Test
    void consumeTransformProduceInClientTransactionsIsExactlyOnceAcrossALeaderKill() throws Exception {
        int inputs = 150;
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            onLeader(cluster, q -> {
                q.create("ctp_in");
                q.create("ctp_out");
                List<String> bodies = new java.util.ArrayList<>();
                for (int i = 0; i < inputs; i++) bodies.add("{\"i\": " + i + "}");
                q.sendBatch("ctp_in", bodies);
                return null;
            });
            int transactions = 0;
            int lost = 0;
            boolean killed = false;
            Connection c = cluster.connect();
            try {
                while (true) {
                    if (!killed && transactions == inputs / 2) {
                        int leader = cluster.awaitLeader();
                        cluster.kill(leader);
                        killed = true;
                        cluster.awaitLeader();
                        cluster.start(leader);
                    }
                    try {
                        c.setAutoCommit(false);
                        PgmqClient q = new PgmqClient(c);
                        List<Message> got = q.readWithPoll("ctp_in", 2, 1, 3);
                        if (got.isEmpty()) {
                            c.rollback();
                            if (count(cluster, "ctp_in") == 0) break;
                            continue;
                        }
                        Message m = got.get(0);
                        q.send("ctp_out", "{\"from\": " + m.msgId() + "}");
                        q.delete("ctp_in", m.msgId());
                        c.commit();
                        transactions++;
                    } catch (SQLException e) {
                        if (!OnLeader.settling(e) && !"40001".equals(e.getSQLState())) throw e;
                        lost++;  // the outcome of this transaction is unknown to us; the queue decides
                        c.close();
                        c = onLeader(cluster, q -> cluster.connect());
                    }
                }
            } finally {
                c.close();
            }
            System.out.println("pgmq consume-transform-produce: " + transactions + " committed, " + lost + " lost or refused");
            List<Object[]> outputs = onLeader(cluster, q -> q.rows("SELECT (message ->> 'from')::bigint FROM pgmq.q_ctp_out"));
            java.util.Set<Long> from = new java.util.HashSet<>();
            for (Object[] r : outputs) assertTrue(from.add(((Number) r[0]).longValue()), "input " + r[0] + " produced once");
            assertEquals(inputs, from.size(), "every input produced an output");
            assertEquals(0L, count(cluster, "ctp_in"));
        }
    }

    private static long count(TestCluster cluster, String queue) throws Exception {
        return onLeader(cluster, q -> ((Number) q.rows("SELECT count(*) FROM pgmq.q_" + queue).get(0)[0]).longValue());
    }

    interface Call<T> {
        T run(PgmqClient q) throws SQLException;
    }

    /** Runs a call on the leader through {@link OnLeader}, over a pgmq client. */
    static <T> T onLeader(TestCluster cluster, Call<T> call) throws Exception {
        return OnLeader.run(cluster, c -> call.run(new PgmqClient(c)));
    }
}
