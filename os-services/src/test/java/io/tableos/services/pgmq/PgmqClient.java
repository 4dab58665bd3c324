package io.tableos.services.pgmq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a pgmq client library makes, over plain JDBC (prepared statements, jsonb passed as
 * text with a cast, arrays as JDBC arrays), shared by the tests and the benchmark. Also installs
 * the test's pgmq-shaped PL/pgSQL implementation into PostgreSQL.
 */
final class PgmqClient {
    /** One row of pgmq.message_record. */
    record Message(long msgId, int readCount, OffsetDateTime enqueuedAt, OffsetDateTime vt, String message, String headers) {}

    private final Connection c;

    PgmqClient(Connection c) {
        this.c = c;
    }

    /** Runs the pgmq-shaped implementation's script (statements separated by lines "--;;") on PostgreSQL. */
    static void installOnPostgres(Connection c) throws SQLException, IOException {
        String script;
        try (InputStream in = PgmqClient.class.getResourceAsStream("/pgmq/pgmq-shaped.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            for (String statement : script.split("\n--;;\n")) s.execute(statement);
        }
    }

    void create(String queue) throws SQLException {
        call("SELECT pgmq.create(?)", queue);
    }

    boolean dropQueue(String queue) throws SQLException {
        return (Boolean) one("SELECT pgmq.drop_queue(?)", queue);
    }

    long purge(String queue) throws SQLException {
        return ((Number) one("SELECT pgmq.purge_queue(?)", queue)).longValue();
    }

    long send(String queue, String json) throws SQLException {
        return ((Number) one("SELECT * FROM pgmq.send(?, ?::jsonb)", queue, json)).longValue();
    }

    long send(String queue, String json, int delaySeconds) throws SQLException {
        return ((Number) one("SELECT * FROM pgmq.send(?, ?::jsonb, ?)", queue, json, delaySeconds)).longValue();
    }

    long send(String queue, String json, String headers) throws SQLException {
        return ((Number) one("SELECT * FROM pgmq.send(?, ?::jsonb, ?::jsonb)", queue, json, headers)).longValue();
    }

    List<Long> sendBatch(String queue, List<String> json) throws SQLException {
        Array array = c.createArrayOf("jsonb", json.toArray());
        List<Long> ids = new ArrayList<>();
        for (Object[] r : rows("SELECT * FROM pgmq.send_batch(?, ?)", queue, array)) ids.add(((Number) r[0]).longValue());
        return ids;
    }

    List<Message> read(String queue, int vtSeconds, int qty) throws SQLException {
        return messages("SELECT * FROM pgmq.read(?, ?, ?)", queue, vtSeconds, qty);
    }

    List<Message> readGrouped(String queue, int vtSeconds, int qty) throws SQLException {
        return messages("SELECT * FROM pgmq.read_grouped(?, ?, ?)", queue, vtSeconds, qty);
    }

    List<Message> readWithPoll(String queue, int vtSeconds, int qty, int maxPollSeconds) throws SQLException {
        return messages("SELECT * FROM pgmq.read_with_poll(?, ?, ?, ?, 10)", queue, vtSeconds, qty, maxPollSeconds);
    }

    List<Message> pop(String queue) throws SQLException {
        return messages("SELECT * FROM pgmq.pop(?)", queue);
    }

    List<Message> setVt(String queue, long msgId, int vtSeconds) throws SQLException {
        return messages("SELECT * FROM pgmq.set_vt(?, ?, ?)", queue, msgId, vtSeconds);
    }

    boolean delete(String queue, long msgId) throws SQLException {
        return (Boolean) one("SELECT pgmq.delete(?, ?)", queue, msgId);
    }

    List<Long> delete(String queue, Long... msgIds) throws SQLException {
        return ids("SELECT * FROM pgmq.delete(?, ?)", queue, c.createArrayOf("bigint", msgIds));
    }

    boolean archive(String queue, long msgId) throws SQLException {
        return (Boolean) one("SELECT pgmq.archive(?, ?)", queue, msgId);
    }

    List<Long> archive(String queue, Long... msgIds) throws SQLException {
        return ids("SELECT * FROM pgmq.archive(?, ?)", queue, c.createArrayOf("bigint", msgIds));
    }

    List<Object[]> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            try (ResultSet r = s.executeQuery()) {
                List<Object[]> out = new ArrayList<>();
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = r.getMetaData().getColumnType(i + 1) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                                || r.getMetaData().getColumnTypeName(i + 1).equals("timestamptz")
                                ? r.getObject(i + 1, OffsetDateTime.class) : r.getObject(i + 1);
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private Object one(String sql, Object... params) throws SQLException {
        List<Object[]> rows = rows(sql, params);
        if (rows.size() != 1) throw new AssertionError(sql + " returned " + rows.size() + " rows");
        return rows.get(0)[0];
    }

    private void call(String sql, Object... params) throws SQLException {
        rows(sql, params);
    }

    private List<Long> ids(String sql, Object... params) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (Object[] r : rows(sql, params)) ids.add(((Number) r[0]).longValue());
        return ids;
    }

    private List<Message> messages(String sql, Object... params) throws SQLException {
        List<Message> out = new ArrayList<>();
        for (Object[] r : rows(sql, params)) {
            out.add(new Message(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), (OffsetDateTime) r[2], (OffsetDateTime) r[3],
                    r[4] == null ? null : r[4].toString(), r[5] == null ? null : r[5].toString()));
        }
        return out;
    }
}
