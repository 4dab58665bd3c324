package io.tableos.services.msg;

import static io.tableos.services.SqlRows.number;

import io.tableos.db.it.cluster.TestCluster;
import io.tableos.services.OnLeader;
import io.tableos.services.msg.client.Consumer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once consume-transform-produce on a local 3-node cluster (issue 15's acceptance,
 * scaled to this machine): {@value #INPUTS} inputs on 4 partitions, {@value #CONSUMERS}
 * {@link Consumer} runtimes in one group whose handler publishes each input's output and writes
 * an effect row in the transaction that commits the input offsets. A member that joined and
 * went silent owns partitions at the start (they move once its session expires), and the
 * leader is SIGKILLed twice mid-run (each time it restarts and rejoins). Every input's output
 * and effect must appear exactly once.
 */
class MsgClusterTest {
    static final int INPUTS = 600;
    static final int CONSUMERS = 2;

    @TempDir
    Path dir;

    @Test
    void consumeTransformProduceIsExactlyOnceAcrossLeaderKills() throws Exception {
        ConsumeTransformProduce ctp = new ConsumeTransformProduce("ctp");
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            OnLeader.run(cluster, c -> {
                ctp.create(c, 4);
                return null;
            });
            OnLeader.run(cluster, c -> number(c, "SELECT member FROM msg.join_group('ctp_group', '" + ctp.input + "', 'silent', 1000)"));
            for (int from = 0; from < INPUTS; from += 200) {
                int start = from;
                OnLeader.run(cluster, c -> {
                    ctp.publishInputs(c, start, start + 200);
                    return null;
                });
            }
            List<Consumer> consumers = new ArrayList<>();
            try {
                for (int i = 0; i < CONSUMERS; i++) {
                    Consumer consumer = new Consumer(cluster::connect, "ctp_group", ctp.input, "c" + i, ctp.handler(),
                            Consumer.Options.defaults().withMaxMessages(10).withSessionTimeoutMillis(5_000));
                    consumers.add(consumer);
                    OnLeader.run(cluster, c -> consumer.start());
                }
                for (int kill = 1; kill <= 2; kill++) {
                    long target = INPUTS * kill / 3;
                    TestCluster.eventually(() -> outputs(cluster, ctp) >= target, target + " outputs", 300);
                    int leader = cluster.awaitLeader();
                    cluster.kill(leader);
                    cluster.awaitLeader();
                    cluster.start(leader);
                }
                TestCluster.eventually(() -> outputs(cluster, ctp) >= INPUTS, "every output", 300);
            } finally {
                for (Consumer c : consumers) c.close();
            }
            long rolledBack = 0;
            for (Consumer c : consumers) rolledBack += c.batchesRolledBack();
            System.out.println("exactly-once: " + INPUTS + " inputs, " + rolledBack + " batches rolled back and fetched again");
            OnLeader.run(cluster, c -> {
                ctp.assertExactlyOnce(c, INPUTS);
                return null;
            });
        }
    }

    private static long outputs(TestCluster cluster, ConsumeTransformProduce ctp) {
        try (Connection c = cluster.connect()) {
            return ctp.outputs(c);
        } catch (SQLException e) {
            return -1;  // failing over: asked again
        }
    }
}
