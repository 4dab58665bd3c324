package io.tableos.services.msg;

import static io.tableos.services.SqlRows.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.services.msg.client.Consumer;
import io.tableos.services.msg.client.Message;
import io.tableos.services.msg.client.Producer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The exactly-once workload the node and cluster tests share: inputs {@code {"i": n}} keyed
 * {@code "i<n>"} on an input topic; a handler that, in the consumer's transaction, publishes
 * each input to an output topic under the same key and inserts a row into an effects table
 * (keyed by the input and a random nonce, so a repeat would add a row rather than fail). Exactly
 * once means: the output topic and the effects table each hold every input once.
 */
final class ConsumeTransformProduce {
    final String input;
    final String output;
    final String effects;

    ConsumeTransformProduce(String prefix) {
        this.input = prefix + "_in";
        this.output = prefix + "_out";
        this.effects = prefix + "_effects";
    }

    void create(Connection c, int partitions) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + effects);
            s.execute("CREATE TABLE " + effects + " (i bigint, nonce bigint, PRIMARY KEY (i, nonce))");
        }
        Producer p = new Producer(c);
        p.createTopic(input, partitions, null, null);
        p.createTopic(output, partitions, null, null);
    }

    void publishInputs(Connection c, int from, int to) throws SQLException {
        List<Producer.Record> records = new ArrayList<>();
        for (int i = from; i < to; i++) records.add(new Producer.Record("i" + i, "{\"i\":" + i + "}", null));
        new Producer(c).publishBatch(input, records);
    }

    Consumer.Handler handler() {
        return (List<Message> batch, Connection tx) -> {
            List<Producer.Record> out = new ArrayList<>();
            for (Message m : batch) out.add(new Producer.Record(m.key(), m.payload(), null));
            new Producer(tx).publishBatch(output, out);
            try (PreparedStatement s = tx.prepareStatement("INSERT INTO " + effects + " (i, nonce) VALUES (?, ?)")) {
                for (Message m : batch) {
                    s.setLong(1, Long.parseLong(m.key().substring(1)));
                    s.setLong(2, ThreadLocalRandom.current().nextLong());
                    s.addBatch();
                }
                s.executeBatch();
            }
        };
    }

    long outputs(Connection c) throws SQLException {
        return number(c, "SELECT count(*) FROM msg.messages WHERE topic = '" + output + "'");
    }

    /** Every input's output and effect appear exactly once. */
    void assertExactlyOnce(Connection c, int inputs) throws SQLException {
        assertEquals(inputs, outputs(c), "output messages");
        assertEquals(inputs, number(c, "SELECT count(DISTINCT key) FROM msg.messages WHERE topic = '" + output + "'"), "distinct outputs");
        assertEquals(inputs, number(c, "SELECT count(*) FROM " + effects), "effect rows");
        assertEquals(inputs, number(c, "SELECT count(DISTINCT i) FROM " + effects), "distinct effects");
        assertEquals(0, number(c, "SELECT coalesce(sum(lag), 0) FROM msg.groups WHERE topic = '" + input + "'"), "input lag");
    }
}
