package io.tableos.perf.topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;

/**
 * The same topic in plain PostgreSQL SQL, as an application would write it without TableOS:
 * a partition row whose next_offset an UPDATE advances (dense offsets, the row lock orders
 * publishers), message rows keyed (topic, partition, offset), committed offsets per group and
 * partition, and LISTEN/NOTIFY (sent in the publishing transaction) to wake a waiting consumer.
 * One consumer owns every partition (PostgreSQL has no group membership to compare with).
 */
final class PostgresTopicLog implements TopicLog {
    private final Connection connection;
    private final String topic;
    private final int partitions;
    private boolean listening;

    PostgresTopicLog(Connection connection, String topic, int partitions) {
        this.connection = connection;
        this.topic = topic;
        this.partitions = partitions;
    }

    static void prepare(Connection c, String topic, int partitions) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS topic_partitions (topic text, partition_id int, next_offset bigint NOT NULL,"
                    + " PRIMARY KEY (topic, partition_id))");
            s.execute("CREATE TABLE IF NOT EXISTS topic_messages (topic text, partition_id int, msg_offset bigint, key text,"
                    + " payload jsonb, published_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (topic, partition_id, msg_offset))");
            s.execute("CREATE TABLE IF NOT EXISTS topic_offsets (group_name text, topic text, partition_id int,"
                    + " committed_offset bigint NOT NULL, PRIMARY KEY (group_name, topic, partition_id))");
        }
        for (int p = 0; p < partitions; p++) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO topic_partitions VALUES (?, ?, 0) ON CONFLICT DO NOTHING");
                 PreparedStatement o = c.prepareStatement("INSERT INTO topic_offsets VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
                s.setString(1, topic);
                s.setInt(2, p);
                s.executeUpdate();
                o.setString(1, topic + "_group");
                o.setString(2, topic);
                o.setInt(3, p);
                o.executeUpdate();
            }
        }
    }

    @Override
    public void publish(List<String> keys, List<String> payloads) throws SQLException {
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) byPartition.computeIfAbsent(Math.floorMod(keys.get(i).hashCode(), partitions), p -> new ArrayList<>()).add(i);
        connection.setAutoCommit(false);
        try {
            for (var e : byPartition.entrySet()) {
                List<Integer> idx = e.getValue();
                long first;
                try (PreparedStatement s = connection.prepareStatement("UPDATE topic_partitions SET next_offset = next_offset + ?"
                        + " WHERE topic = ? AND partition_id = ? RETURNING next_offset - ?")) {
                    s.setInt(1, idx.size());
                    s.setString(2, topic);
                    s.setInt(3, e.getKey());
                    s.setInt(4, idx.size());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        first = r.getLong(1);
                    }
                }
                Object[] k = new Object[idx.size()];
                Object[] v = new Object[idx.size()];
                for (int j = 0; j < k.length; j++) {
                    k[j] = keys.get(idx.get(j));
                    v[j] = payloads.get(idx.get(j));
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO topic_messages (topic, partition_id, msg_offset, key, payload)"
                        + " SELECT ?, ?, ? + o - 1, k, v::jsonb FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS m(k, v, o)")) {
                    s.setString(1, topic);
                    s.setInt(2, e.getKey());
                    s.setLong(3, first);
                    s.setArray(4, connection.createArrayOf("text", k));
                    s.setArray(5, connection.createArrayOf("text", v));
                    s.executeUpdate();
                }
            }
            try (Statement s = connection.createStatement()) {
                s.execute("NOTIFY topic_" + topic);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public List<Fetched> fetch(int max, int waitMillis) throws SQLException {
        if (!listening) {
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN topic_" + topic);
            }
            listening = true;
        }
        List<Fetched> out = read(max);
        if (out.isEmpty() && waitMillis > 0) {
            connection.unwrap(PGConnection.class).getNotifications(waitMillis);
            out = read(max);
        }
        return out;
    }

    private List<Fetched> read(int max) throws SQLException {
        List<Fetched> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT m.partition_id, m.msg_offset FROM topic_offsets o"
                + " CROSS JOIN LATERAL (SELECT partition_id, msg_offset FROM topic_messages m WHERE m.topic = o.topic"
                + " AND m.partition_id = o.partition_id AND m.msg_offset >= o.committed_offset ORDER BY msg_offset LIMIT ?) m"
                + " WHERE o.group_name = ? AND o.topic = ? ORDER BY 1, 2 LIMIT ?")) {
            s.setInt(1, max);
            s.setString(2, topic + "_group");
            s.setString(3, topic);
            s.setInt(4, max);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(new Fetched(r.getInt(1), r.getLong(2)));
            }
        }
        return out;
    }

    @Override
    public void commit(Map<Integer, Long> next) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE topic_offsets SET committed_offset = n.o FROM unnest(?::int[], ?::bigint[])"
                + " AS n(p, o) WHERE group_name = ? AND topic = ? AND partition_id = n.p")) {
            s.setArray(1, connection.createArrayOf("integer", next.keySet().toArray()));
            s.setArray(2, connection.createArrayOf("bigint", next.values().toArray()));
            s.setString(3, topic + "_group");
            s.setString(4, topic);
            s.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
