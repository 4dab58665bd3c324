package io.tableos.services.msg.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The typed consumer-group calls ({@code msg.join_group}, {@code heartbeat}, {@code leave_group},
 * {@code fetch}, {@code commit_offsets}) over one JDBC connection. Not thread-safe.
 */
public final class GroupCalls {
    /** A joined member: its id and the generation of the rebalance that took it in. */
    public record Membership(long member, long generation) {}

    private final Connection connection;

    public GroupCalls(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public Membership join(String group, String topic, String memberName, int sessionTimeoutMillis) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.join_group(?, ?, ?, ?)")) {
            s.setString(1, group);
            s.setString(2, topic);
            s.setString(3, memberName);
            s.setInt(4, sessionTimeoutMillis);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Membership(r.getLong(1), r.getLong(2));
            }
        }
    }

    /** The group's generation; SQLSTATE 42704 when the member's session has expired. */
    public long heartbeat(String group, long member) throws SQLException {
        return memberCall("SELECT msg.heartbeat(?, ?)", group, member, r -> r.getLong(1));
    }

    public boolean leave(String group, long member) throws SQLException {
        return memberCall("SELECT msg.leave_group(?, ?)", group, member, r -> r.getBoolean(1));
    }

    /** Up to maxMessages from the member's partitions' committed offsets; waits up to waitMillis for some. */
    public List<Message> fetch(String group, long member, int maxMessages, int waitMillis, long maxBytes) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM msg.fetch(?, ?, ?, ?, ?)")) {
            s.setString(1, group);
            s.setLong(2, member);
            s.setInt(3, maxMessages);
            s.setInt(4, waitMillis);
            s.setLong(5, maxBytes);
            List<Message> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Message(r.getInt(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getObject(6, OffsetDateTime.class), r.getLong(7)));
                }
            }
            return out;
        }
    }

    /** Commits next-offset-to-read per partition; SQLSTATE 40001 when the member no longer owns one at that generation. */
    public void commitOffsets(String group, long member, long generation, Map<Integer, Long> nextOffsets) throws SQLException {
        Object[] partitions = new Object[nextOffsets.size()];
        Object[] offsets = new Object[nextOffsets.size()];
        int i = 0;
        for (var e : nextOffsets.entrySet()) {
            partitions[i] = e.getKey();
            offsets[i++] = e.getValue();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT msg.commit_offsets(?, ?, ?, ?, ?)")) {
            s.setString(1, group);
            s.setLong(2, member);
            s.setLong(3, generation);
            s.setArray(4, connection.createArrayOf("integer", partitions));
            s.setArray(5, connection.createArrayOf("bigint", offsets));
            try (ResultSet r = s.executeQuery()) {
                r.next();
            }
        }
    }

    private interface Reader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Runs a (group, member) call and reads its one row. */
    private <T> T memberCall(String sql, String group, long member, Reader<T> reader) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, group);
            s.setLong(2, member);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return reader.read(r);
            }
        }
    }
}
