package io.tableos.services.msg.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes to topics over one JDBC connection (give pgJDBC {@code targetServerType=primary}).
 * Each call is one procedure; inside the connection's own transaction (auto-commit off) a call
 * is part of that transaction where the node runs procedures inside client transactions, so a
 * consumer publishes its output atomically with its offsets. Not thread-safe: one per thread.
 */
public final class Producer {
    /** One message of a batch; key and headers may be null. */
    public record Record(String key, String payloadJson, String headersJson) {}

    private final Connection connection;

    public Producer(Connection connection) {
        this.connection = connection;
    }

    /** Creates the topic, or changes an existing one's retention (null: unlimited); true when created. */
    public boolean createTopic(String name, int partitions, Integer retentionSeconds, Long retentionBytes) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT msg.create_topic(?, ?, ?, ?)")) {
            s.setString(1, name);
            s.setInt(2, partitions);
            if (retentionSeconds == null) s.setNull(3, Types.INTEGER);
            else s.setInt(3, retentionSeconds);
            if (retentionBytes == null) s.setNull(4, Types.BIGINT);
            else s.setLong(4, retentionBytes);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    public Placement publish(String topic, String key, String payloadJson) throws SQLException {
        return publish(topic, key, payloadJson, null);
    }

    public Placement publish(String topic, String key, String payloadJson, String headersJson) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.publish(?, ?, ?::jsonb, ?::jsonb)")) {
            s.setString(1, topic);
            s.setString(2, key);
            s.setString(3, payloadJson);
            s.setString(4, headersJson);
            return placements(s).get(0);
        }
    }

    /** Publishes the records in one call (one transaction); placements in record order. */
    public List<Placement> publishBatch(String topic, List<Record> records) throws SQLException {
        Object[] keys = new Object[records.size()];
        Object[] payloads = new Object[records.size()];
        Object[] headers = new Object[records.size()];
        boolean anyHeaders = false;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = records.get(i).key();
            payloads[i] = records.get(i).payloadJson();
            headers[i] = records.get(i).headersJson();
            anyHeaders |= headers[i] != null;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.publish_batch(?, ?, ?::jsonb[], ?::jsonb[])")) {
            s.setString(1, topic);
            s.setArray(2, connection.createArrayOf("text", keys));
            s.setArray(3, connection.createArrayOf("text", payloads));
            s.setArray(4, anyHeaders ? connection.createArrayOf("text", headers) : null);
            return placements(s);
        }
    }

    private static List<Placement> placements(PreparedStatement s) throws SQLException {
        List<Placement> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) out.add(new Placement(r.getInt(1), r.getLong(2)));
        }
        return out;
    }
}
