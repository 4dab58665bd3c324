package io.tableos.perf.msg;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark connection making pgmq calls as a client library does (prepared statements,
 * jsonb as text with a cast); identical SQL on both systems. {@code pollIntervalMillis} is
 * passed to read_with_poll: PostgreSQL's PL/pgSQL sleeps that long between looks, TableOS
 * ignores it (it waits for a commit).
 */
final class Pgmq implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement send;
    private final PreparedStatement sendBatch;
    private final PreparedStatement read;
    private final PreparedStatement readWithPoll;
    private final PreparedStatement delete;
    private final PreparedStatement deleteMany;
    private final int pollIntervalMillis;

    Pgmq(String url, int pollIntervalMillis) throws SQLException {
        this.c = DriverManager.getConnection(url);
        this.pollIntervalMillis = pollIntervalMillis;
        send = c.prepareStatement("SELECT * FROM pgmq.send(?, ?::jsonb)");
        sendBatch = c.prepareStatement("SELECT * FROM pgmq.send_batch(?, ?::jsonb[])");
        read = c.prepareStatement("SELECT msg_id, message FROM pgmq.read(?, ?, ?)");
        readWithPoll = c.prepareStatement("SELECT msg_id, message FROM pgmq.read_with_poll(?, ?, ?, ?, ?)");
        delete = c.prepareStatement("SELECT pgmq.delete(?, ?::bigint)");
        deleteMany = c.prepareStatement("SELECT * FROM pgmq.delete(?, ?::bigint[])");
    }

    Connection connection() {
        return c;
    }

    void recreate(String queue) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("SELECT pgmq.drop_queue(?)");
             PreparedStatement create = c.prepareStatement("SELECT pgmq.create(?)")) {
            drop.setString(1, queue);
            drop.executeQuery().close();
            create.setString(1, queue);
            create.executeQuery().close();
        }
    }

    long send(String queue, String json) throws SQLException {
        send.setString(1, queue);
        send.setString(2, json);
        try (ResultSet r = send.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    int sendBatch(String queue, String[] json) throws SQLException {
        sendBatch.setString(1, queue);
        sendBatch.setArray(2, c.createArrayOf("text", json));
        int n = 0;
        try (ResultSet r = sendBatch.executeQuery()) {
            while (r.next()) n++;
        }
        return n;
    }

    /** Ids and bodies of up to qty messages, read with a visibility timeout of vt seconds. */
    List<Object[]> read(String queue, int vtSeconds, int qty) throws SQLException {
        read.setString(1, queue);
        read.setInt(2, vtSeconds);
        read.setInt(3, qty);
        return rows(read);
    }

    List<Object[]> readWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds) throws SQLException {
        readWithPoll.setString(1, queue);
        readWithPoll.setInt(2, vtSeconds);
        readWithPoll.setInt(3, qty);
        readWithPoll.setInt(4, maxPollSeconds);
        readWithPoll.setInt(5, pollIntervalMillis);
        return rows(readWithPoll);
    }

    boolean delete(String queue, long id) throws SQLException {
        delete.setString(1, queue);
        delete.setLong(2, id);
        try (ResultSet r = delete.executeQuery()) {
            r.next();
            return r.getBoolean(1);
        }
    }

    int delete(String queue, List<Object[]> messages) throws SQLException {
        Long[] ids = new Long[messages.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = ((Number) messages.get(i)[0]).longValue();
        Array array = c.createArrayOf("bigint", ids);
        deleteMany.setString(1, queue);
        deleteMany.setArray(2, array);
        int n = 0;
        try (ResultSet r = deleteMany.executeQuery()) {
            while (r.next()) n++;
        }
        return n;
    }

    private static List<Object[]> rows(PreparedStatement s) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) out.add(new Object[] {r.getLong(1), r.getString(2)});
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
