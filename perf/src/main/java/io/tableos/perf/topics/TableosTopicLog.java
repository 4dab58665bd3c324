package io.tableos.perf.topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code msg.*} on TableOS: publish_batch, fetch (long-poll woken on commit) and commit_offsets of one group member. */
final class TableosTopicLog implements TopicLog {
    private final Connection connection;
    private final String topic;
    private long member = -1;
    private long generation;

    TableosTopicLog(Connection connection, String topic) {
        this.connection = connection;
        this.topic = topic;
    }

    static void prepare(Connection c, String topic, int partitions) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT msg.create_topic(?, ?)")) {
            s.setString(1, topic);
            s.setInt(2, partitions);
            s.executeQuery().close();
        }
    }

    @Override
    public void publish(List<String> keys, List<String> payloads) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.publish_batch(?, ?, ?::jsonb[])")) {
            s.setString(1, topic);
            s.setArray(2, connection.createArrayOf("text", keys.toArray()));
            s.setArray(3, connection.createArrayOf("text", payloads.toArray()));
            s.executeQuery().close();
        }
    }

    @Override
    public List<Fetched> fetch(int max, int waitMillis) throws SQLException {
        if (member < 0) {
            try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.join_group(?, ?)")) {
                s.setString(1, topic + "_group");
                s.setString(2, topic);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    member = r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT partition_id, msg_offset, generation FROM msg.fetch(?, ?, ?, ?)")) {
            s.setString(1, topic + "_group");
            s.setLong(2, member);
            s.setInt(3, max);
            s.setInt(4, waitMillis);
            List<Fetched> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Fetched(r.getInt(1), r.getLong(2)));
                    generation = r.getLong(3);
                }
            }
            return out;
        }
    }

    @Override
    public void commit(Map<Integer, Long> next) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT msg.commit_offsets(?, ?, ?, ?, ?)")) {
            s.setString(1, topic + "_group");
            s.setLong(2, member);
            s.setLong(3, generation);
            s.setArray(4, connection.createArrayOf("integer", next.keySet().toArray()));
            s.setArray(5, connection.createArrayOf("bigint", next.values().toArray()));
            s.executeQuery().close();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
