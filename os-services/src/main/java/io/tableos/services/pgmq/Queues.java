package io.tableos.services.pgmq;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Queue lifecycle and inspection: create, drop_queue, purge_queue, list_queues, metrics, and the
 * dead-letter setting. A queue name is folded to lower case (as pgmq does) and must be an
 * identifier of at most {@value #QUEUE_NAME_CHARS_MAX} characters, pgmq's limit (its tables get
 * a two-letter prefix within PostgreSQL's 63). An unknown queue is PostgreSQL's 42P01 on
 * {@code pgmq.q_<name>}, the error pgmq's own functions raise.
 */
final class Queues {
    static final int QUEUE_NAME_CHARS_MAX = 47;
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private Queues() {}

    /** A queue's settings: its dead-letter queue (null: none) and the read count that sends a message there. */
    record Queue(String name, String deadLetterQueue, Integer maxReadCount) {}

    static String name(Object value) {
        if (value == null) throw invalid("queue_name must not be null");
        String name = ((String) value).toLowerCase(Locale.ROOT);
        if (name.length() > QUEUE_NAME_CHARS_MAX) {
            throw invalid("queue name is too long, maximum length is " + QUEUE_NAME_CHARS_MAX + " characters");
        }
        if (!QUEUE_NAME.matcher(name).matches()) throw invalid("queue name \"" + name + "\" is not a valid identifier");
        return name;
    }

    static Queue find(ProcedureContext ctx, String queue) {
        List<Object[]> rows = ctx.query("SELECT dead_letter_queue, max_read_ct FROM pgmq.meta WHERE queue_name = $1", queue);
        return rows.isEmpty() ? null : new Queue(queue, (String) rows.get(0)[0], (Integer) rows.get(0)[1]);
    }

    static Queue require(ProcedureContext ctx, String queue) {
        Queue q = find(ctx, queue);
        if (q == null) throw unknown(queue);
        return q;
    }

    static DbException unknown(String queue) {
        return new DbException(SqlState.UNDEFINED_TABLE, "relation \"pgmq.q_" + queue + "\" does not exist");
    }

    static DbException invalid(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    /** create / create_unlogged: a no-op for a queue that exists, as in pgmq. */
    static void create(ProcedureContext ctx, String queue, boolean unlogged) {
        if (find(ctx, queue) != null) return;
        ctx.update("INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged, created_at, last_msg_id)"
                + " VALUES ($1, false, $2, $3, 0)", queue, unlogged, ctx.now());
    }

    /** drop_queue: false (nothing changed) when the queue does not exist. */
    static boolean drop(ProcedureContext ctx, String queue) {
        if (find(ctx, queue) == null) return false;
        ctx.update("DELETE FROM pgmq.messages WHERE queue_name = $1", queue);
        ctx.update("DELETE FROM pgmq.archived WHERE queue_name = $1", queue);
        ctx.update("UPDATE pgmq.meta SET dead_letter_queue = NULL, max_read_ct = NULL WHERE dead_letter_queue = $1", queue);
        ctx.update("DELETE FROM pgmq.meta WHERE queue_name = $1", queue);
        return true;
    }

    static long purge(ProcedureContext ctx, String queue) {
        require(ctx, queue);
        return ctx.update("DELETE FROM pgmq.messages WHERE queue_name = $1", queue);
    }

    /**
     * set_dead_letter_queue: a message read {@code maxReadCount} times and still not deleted moves to
     * {@code deadLetterQueue} (a new message there) when a read next finds it visible; null turns it off.
     */
    static void setDeadLetterQueue(ProcedureContext ctx, String queue, String deadLetterQueue, Integer maxReadCount) {
        require(ctx, queue);
        if (deadLetterQueue != null) {
            require(ctx, deadLetterQueue);
            if (deadLetterQueue.equals(queue)) throw invalid("a queue cannot be its own dead-letter queue");
            if (maxReadCount == null || maxReadCount < 1) throw invalid("max_read_ct must be at least 1");
        }
        ctx.update("UPDATE pgmq.meta SET dead_letter_queue = $2, max_read_ct = $3 WHERE queue_name = $1",
                queue, deadLetterQueue, deadLetterQueue == null ? null : maxReadCount);
    }

    static List<Object[]> list(ProcedureContext ctx) {
        return ctx.query("SELECT queue_name, is_partitioned, is_unlogged, created_at FROM pgmq.meta ORDER BY queue_name");
    }

    /** metrics: pgmq's metrics_result row (ages in whole seconds; total = ids handed out). */
    static Object[] metrics(ProcedureContext ctx, String queue) {
        require(ctx, queue);
        OffsetDateTime now = ctx.now();
        Object[] counts = ctx.query("SELECT count(*), max(enqueued_at), min(enqueued_at) FROM pgmq.messages WHERE queue_name = $1",
                queue).get(0);
        long visible = ((Number) ctx.query("SELECT count(*) FROM pgmq.messages WHERE queue_name = $1 AND vt <= $2", queue, now)
                .get(0)[0]).longValue();
        long total = ((Number) ctx.query("SELECT last_msg_id FROM pgmq.meta WHERE queue_name = $1", queue).get(0)[0]).longValue();
        return new Object[] {queue, ((Number) counts[0]).longValue(), ageSeconds((OffsetDateTime) counts[1], now),
                ageSeconds((OffsetDateTime) counts[2], now), total, now, visible};
    }

    private static Integer ageSeconds(OffsetDateTime at, OffsetDateTime now) {
        return at == null ? null : (int) Math.round(Duration.between(at, now).toNanos() / 1e9);  // ::int rounds, as in pgmq
    }
}
