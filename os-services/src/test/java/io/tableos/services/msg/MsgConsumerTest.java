package io.tableos.services.msg;

import static io.tableos.services.SqlRows.number;
import static io.tableos.services.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.services.msg.client.Consumer;
import io.tableos.services.msg.client.GroupCalls;
import io.tableos.services.msg.client.Message;
import io.tableos.services.msg.client.Placement;
import io.tableos.services.msg.client.Producer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Java client against one real node: Producer and Consumer runtimes in a consume-transform-
 * produce loop whose handler fails some batches after publishing (the failed batch's output must
 * roll back with it), a stale member's commit inside a client transaction (refused, taking the
 * transaction's writes with it), and a 16 MiB message end to end.
 */
class MsgConsumerTest extends MsgNodeTest {
    @Test
    void failedBatchesRollBackTheirOutputAndEveryInputIsProcessedOnce() throws Exception {
        int inputs = 300;
        ConsumeTransformProduce ctp = new ConsumeTransformProduce("node_ctp");
        ctp.create(sql, 3);
        ctp.publishInputs(sql, 0, inputs);
        AtomicInteger batches = new AtomicInteger();
        Consumer.Handler transform = ctp.handler();
        Consumer.Handler failingSometimes = (batch, tx) -> {
            transform.handle(batch, tx);  // publishes and writes first, then fails: all of it must roll back
            if (batches.incrementAndGet() % 4 == 0) throw new IllegalStateException("injected failure after publishing");
        };
        List<Consumer> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Consumer c = new Consumer(node::connect, "node_ctp_group", ctp.input, "c" + i, failingSometimes,
                        Consumer.Options.defaults().withMaxMessages(7));
                consumers.add(c);
                c.start();
            }
            io.tableos.db.it.cluster.TestCluster.eventually(() -> {
                try {
                    return number(sql, "SELECT coalesce(sum(lag), 0) FROM msg.groups WHERE group_name = 'node_ctp_group'") == 0;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "the group to consume every input", 120);
        } finally {
            for (Consumer c : consumers) c.close();
        }
        long rolledBack = consumers.stream().mapToLong(Consumer::batchesRolledBack).sum();
        assertTrue(rolledBack > 0, "some batches failed and were fetched again");
        ctp.assertExactlyOnce(sql, inputs);
    }

    @Test
    void aStaleMembersCommitInsideItsTransactionTakesTheTransactionsWritesWithIt() throws Exception {
        Producer producer = new Producer(sql);
        producer.createTopic("stale_in", 1, null, null);
        producer.createTopic("stale_out", 1, null, null);
        producer.publish("stale_in", "k", "{\"n\":1}");
        try (Connection c = node.connect()) {
            GroupCalls calls = new GroupCalls(c);
            long stale = calls.join("stale_group", "stale_in", "stale", 60_000).member();
            List<Message> got = calls.fetch("stale_group", stale, 10, 0, 1 << 20);
            assertEquals(1, got.size());
            rows(sql, "SELECT * FROM msg.join_group('stale_group', 'stale_in', 'newcomer')");  // rebalance: new generation
            c.setAutoCommit(false);
            new Producer(c).publish("stale_out", "k", "{\"out\":1}");
            SQLException fenced = assertThrows(SQLException.class,
                    () -> calls.commitOffsets("stale_group", stale, got.get(0).generation(), Map.of(0, 1L)));
            assertEquals("40001", fenced.getSQLState());
            c.rollback();
        }
        assertEquals(0, number(sql, "SELECT count(*) FROM msg.messages WHERE topic = 'stale_out'"), "the stale output rolled back");
        assertEquals(0, number(sql, "SELECT committed_offset FROM msg.groups WHERE group_name = 'stale_group'"));
    }

    @Test
    void aSixteenMebibyteMessageArrivesWhole() throws Exception {
        Producer producer = new Producer(sql);
        producer.createTopic("big", 1, null, null);
        String body = "x".repeat(16 * 1024 * 1024 - 64);
        producer.publish("big", "k", "{\"b\":\"" + body + "\"}");
        SQLException tooBig = assertThrows(SQLException.class, () -> producer.publish("big", "k", "{\"b\":\"" + body + "x".repeat(100) + "\"}"));
        assertEquals("54000", tooBig.getSQLState());
        try (Connection c = node.connect()) {
            GroupCalls calls = new GroupCalls(c);
            long member = calls.join("big_group", "big", null, 60_000).member();
            List<Message> got = calls.fetch("big_group", member, 10, 0, 1);  // max_bytes 1: still the one message
            assertEquals(1, got.size());
            assertEquals("{\"b\": \"" + body + "\"}", got.get(0).payload(), "the payload whole, as jsonb text");
        }
    }

    @Test
    void aPublishOutsideATransactionThatWroteTheSamePartitionFailsThatTransaction() throws Exception {
        new Producer(sql).createTopic("interleaved", 1, null, null);
        try (Connection tx = node.connect(); Connection other = node.connect()) {
            tx.setAutoCommit(false);
            new Producer(tx).publish("interleaved", "k", "{\"in\":\"tx\"}");  // locks the partition row
            // a call outside any block runs on the commit path, which takes no row locks: it commits at once
            Placement outside = new Producer(other).publish("interleaved", "k", "{\"in\":\"autocommit\"}");
            assertEquals(0L, outside.offset());
            SQLException lost = assertThrows(SQLException.class, tx::commit, "committing would overwrite offset 0");
            assertEquals("40001", lost.getSQLState());
            Placement retried = new Producer(tx).publish("interleaved", "k", "{\"in\":\"tx\"}");
            tx.commit();
            assertEquals(1L, retried.offset());
        }
        assertEquals(2, number(sql, "SELECT count(*) FROM msg.messages WHERE topic = 'interleaved'"));
        assertEquals(2, number(sql, "SELECT next_offset FROM msg.partitions WHERE topic = 'interleaved'"));
    }

    @Test
    void aRebalanceWhileACommitIsInsideATransactionFailsTheTransaction() throws Exception {
        Producer producer = new Producer(sql);
        producer.createTopic("race_in", 2, null, null);
        producer.publish("race_in", "k", "{}");
        try (Connection tx = node.connect(); Connection other = node.connect()) {
            GroupCalls calls = new GroupCalls(tx);
            long first = calls.join("race_group", "race_in", "first", 60_000).member();
            List<Message> got = calls.fetch("race_group", first, 10, 0, 1 << 20);
            tx.setAutoCommit(false);
            calls.commitOffsets("race_group", first, got.get(0).generation(), Map.of(got.get(0).partition(), got.get(0).offset() + 1));
            long second = new GroupCalls(other).join("race_group", "race_in", "second", 60_000).member();
            SQLException fenced = assertThrows(SQLException.class, tx::commit, "the commit's generation is stale");
            assertEquals("40001", fenced.getSQLState());
            assertEquals(1, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'race_group' AND member = " + second),
                    "the rebalance's assignment stands");
            assertEquals(1, number(sql, "SELECT count(DISTINCT generation) FROM msg.groups WHERE group_name = 'race_group'"));
            assertEquals(0, number(sql, "SELECT sum(committed_offset) FROM msg.groups WHERE group_name = 'race_group'"));
        }
    }
}
