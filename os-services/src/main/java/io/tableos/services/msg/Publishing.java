package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * publish and publish_batch: appends messages to their partitions' logs. A message's partition
 * is its key's hash modulo the partition count ({@link String#hashCode}, fixed by the Java
 * language, so every node and release agrees); keyless messages spread by the call's instant
 * and position in the batch. Offsets are dense per partition: each partition row's
 * next_offset is read and advanced once per call. Inside a client's transaction the partition
 * row stays locked until COMMIT, which orders transactional publishers of a partition; a
 * publish outside any transaction (a procedure on the commit path, lock-free) that advances
 * the same partition meanwhile makes that COMMIT fail with 40001 rather than reuse an offset.
 * Retention runs on each partition appended to.
 */
final class Publishing {
    /** Key, payload and headers of one message together (UTF-8 bytes). */
    static final int MESSAGE_BYTES_MAX = 16 * 1024 * 1024;
    static final int BATCH_MESSAGES_MAX = 10_000;
    /** A batch's bytes; one transaction must fit one log entry (the node refuses larger ones with 54000 anyway). */
    static final long BATCH_BYTES_MAX = 48L * 1024 * 1024;

    record Message(String key, String payload, String headers) {}

    private Publishing() {}

    static List<Object[]> publish(ProcedureContext ctx, String topic, Message message) {
        return append(ctx, topic, List.of(message));
    }

    static List<Object[]> publishBatch(ProcedureContext ctx, String topic, SqlArray keys, SqlArray payloads, SqlArray headers) {
        if (payloads == null) throw Topics.invalid("payloads must not be null");
        int n = payloads.elements().length;
        if (n > BATCH_MESSAGES_MAX) throw Topics.invalid("publish_batch takes at most " + BATCH_MESSAGES_MAX + " messages per call");
        if (keys != null && keys.elements().length != n) throw Topics.invalid("keys must have one element per payload");
        if (headers != null && headers.elements().length != n) throw Topics.invalid("headers must have one element per payload");
        List<Message> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(new Message(keys == null ? null : (String) keys.elements()[i], (String) payloads.elements()[i],
                    headers == null ? null : (String) headers.elements()[i]));
        }
        return append(ctx, topic, messages);
    }

    /** Appends in the given order; one (partition_id, msg_offset) row per message, in that order. */
    private static List<Object[]> append(ProcedureContext ctx, String topic, List<Message> messages) {
        Object[] settings = Topics.require(ctx, topic);
        int partitions = ((Number) settings[0]).intValue();
        OffsetDateTime now = ctx.now();
        long spread = now.toInstant().toEpochMilli();
        int[] partitionOf = new int[messages.size()];
        int[] sizes = new int[messages.size()];
        long total = 0;
        TreeMap<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.payload() == null) throw Topics.invalid("payload must not be null");
            sizes[i] = size(m);
            total += sizes[i];
            partitionOf[i] = m.key() == null ? (int) Math.floorMod(spread + i, (long) partitions) : Math.floorMod(m.key().hashCode(), partitions);
            byPartition.computeIfAbsent(partitionOf[i], p -> new ArrayList<>()).add(i);
        }
        if (total > BATCH_BYTES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "a batch holds at most " + BATCH_BYTES_MAX + " bytes, this one " + total);
        }
        long[] offsets = new long[messages.size()];
        for (var entry : byPartition.entrySet()) {
            int p = entry.getKey();
            Object[] bounds = ctx.query("SELECT next_offset, bytes, oldest_at FROM msg.partitions WHERE topic = $1 AND partition_id = $2",
                    topic, p).get(0);
            long next = ((Number) bounds[0]).longValue();
            long bytes = ((Number) bounds[1]).longValue();
            for (int i : entry.getValue()) {
                Message m = messages.get(i);
                offsets[i] = next++;
                bytes += sizes[i];
                ctx.update("INSERT INTO msg.messages (topic, partition_id, msg_offset, key, payload, headers, published_at, size_bytes)"
                        + " VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)", topic, p, offsets[i], m.key(), m.payload(),
                        m.headers(), now, sizes[i]);
            }
            ctx.update("UPDATE msg.partitions SET next_offset = $3, bytes = $4, oldest_at = $5 WHERE topic = $1 AND partition_id = $2",
                    topic, p, next, bytes, bounds[2] == null ? now : bounds[2]);
            Retention.retain(ctx, topic, p, settings);
        }
        List<Object[]> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) out.add(new Object[] {partitionOf[i], offsets[i]});
        return out;
    }

    private static int size(Message m) {
        long bytes = utf8(m.key()) + utf8(m.payload()) + utf8(m.headers());
        if (bytes > MESSAGE_BYTES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "a message holds at most " + MESSAGE_BYTES_MAX
                    + " bytes (key, payload and headers), this one " + bytes);
        }
        return (int) bytes;
    }

    private static long utf8(String s) {
        if (s == null) return 0;
        // a string longer than the limit in chars is over it in bytes too: no need to encode it
        return s.length() > MESSAGE_BYTES_MAX ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
