package io.tableos.services.pgmq;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * send and send_batch: messages get the queue's next ids (pgmq's per-queue sequence is the
 * {@code last_msg_id} of the queue's meta row: calls run one at a time on the commit path, so
 * ids are dense and ascending), read_ct 0, and a visibility time {@code delay}
 * seconds after the call. A message's FIFO group is its header {@value #GROUP_HEADER}, as in pgmq.
 */
final class Sending {
    /** Bytes of one message or its headers (as UTF-8 JSON text); the issue asks for at least 16 MB. */
    static final int MESSAGE_BYTES_MAX = 32 << 20;
    /** Messages one send_batch may carry; their bytes together are bounded by the node's transaction size. */
    static final int BATCH_MESSAGES_MAX = 10_000;
    /** A delay (or visibility timeout) beyond this many seconds is refused: ten years. */
    static final int DELAY_SECONDS_MAX = 315_360_000;
    static final String GROUP_HEADER = "x-pgmq-group";

    private Sending() {}

    static List<Object[]> send(ProcedureContext ctx, String queue, String message, String headers, int delaySeconds) {
        return sendAll(ctx, queue, new Object[] {message}, headers == null ? null : new Object[] {headers}, delaySeconds);
    }

    static List<Object[]> sendBatch(ProcedureContext ctx, String queue, SqlArray messages, SqlArray headers, int delaySeconds) {
        if (messages == null) return List.of();
        Object[] all = messages.elements();
        if (all.length > BATCH_MESSAGES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "send_batch takes at most " + BATCH_MESSAGES_MAX + " messages");
        }
        if (headers != null && headers.elements().length != all.length) {
            throw Queues.invalid("headers must have one element per message: " + headers.elements().length + " for " + all.length);
        }
        return sendAll(ctx, queue, all, headers == null ? null : headers.elements(), delaySeconds);
    }

    private static List<Object[]> sendAll(ProcedureContext ctx, String queue, Object[] messages, Object[] headers, int delaySeconds) {
        checkSeconds(delaySeconds, "delay");
        for (int i = 0; i < messages.length; i++) {
            checkSize((String) messages[i], "message");
            if (headers != null) checkSize((String) headers[i], "headers");
        }
        // One statement takes the ids and the meta row's lock: inside a client's transaction block a
        // concurrent sender waits here and then counts on from this block's ids, never reusing them.
        List<Object[]> rows = ctx.query("UPDATE pgmq.meta SET last_msg_id = last_msg_id + $2 WHERE queue_name = $1 RETURNING last_msg_id",
                queue, (long) messages.length);
        if (rows.isEmpty()) throw Queues.unknown(queue);
        long last = ((Number) rows.get(0)[0]).longValue() - messages.length;
        OffsetDateTime now = ctx.now();
        OffsetDateTime visibleAt = now.plusSeconds(delaySeconds);
        List<Object[]> ids = new ArrayList<>(messages.length);
        for (int i = 0; i < messages.length; i++) {
            long id = ++last;
            String header = headers == null ? null : (String) headers[i];
            ctx.update("INSERT INTO pgmq.messages (queue_name, msg_id, read_ct, enqueued_at, vt, message, headers, fifo_group)"
                    + " VALUES ($1, $2, 0, $3, $4, $5::jsonb, $6::jsonb, $7)", queue, id, now, visibleAt, messages[i], header,
                    header == null ? null : group(ctx, header));
            ids.add(new Object[] {id});
        }
        return ids;
    }

    /** The header's FIFO group, or null when it names none. */
    private static String group(ProcedureContext ctx, String headers) {
        List<Object[]> rows = ctx.query("SELECT $1::jsonb ->> '" + GROUP_HEADER + "'", headers);
        return (String) rows.get(0)[0];
    }

    static void checkSeconds(int seconds, String name) {
        if (seconds < -DELAY_SECONDS_MAX || seconds > DELAY_SECONDS_MAX) {
            throw Queues.invalid(name + " must be within " + DELAY_SECONDS_MAX + " seconds");
        }
    }

    private static void checkSize(String json, String what) {
        if (json == null || json.length() <= MESSAGE_BYTES_MAX / 3) return;  // at most 3 UTF-8 bytes a char
        if (json.length() > MESSAGE_BYTES_MAX || json.getBytes(StandardCharsets.UTF_8).length > MESSAGE_BYTES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, what + " is larger than " + MESSAGE_BYTES_MAX + " bytes",
                    null, "split it, or store it elsewhere and send its key", 0, null);
        }
    }
}
