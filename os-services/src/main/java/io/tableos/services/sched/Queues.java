package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.util.List;

/** Queue settings: create_queue, pause/resume, and the implicit creation of a queue by its first submit. */
final class Queues {
    /** Retries wait retry_delay_ms * 2^(attempt-1), at most this long. */
    static final long RETRY_DELAY_MAX_MILLIS = 3_600_000;
    static final int DEFAULT_RETRY_DELAY_MILLIS = 1_000;
    static final int QUEUE_NAME_CHARS_MAX = 200;

    private Queues() {}

    /**
     * The queue's settings row (concurrency, rate, paused, retry delay, retention, running, tokens, refilled at,
     * next due at, next expiry at), or null.
     */
    static Object[] find(ProcedureContext ctx, String queue) {
        List<Object[]> rows = ctx.query("SELECT concurrency, rate_per_second, paused, retry_delay_ms, retention_seconds, running,"
                + " rate_tokens, rate_refilled_at, next_due_at, next_expiry_at FROM sched.queues WHERE name = $1", queue);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Object[] require(ProcedureContext ctx, String queue) {
        Object[] row = find(ctx, queue);
        if (row == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "queue \"" + queue + "\" does not exist");
        return row;
    }

    /** Creates the queue with default settings unless it exists. */
    static void ensure(ProcedureContext ctx, String queue) {
        if (find(ctx, queue) == null) insert(ctx, queue, null, null, DEFAULT_RETRY_DELAY_MILLIS, null, ctx.now());
    }

    /** create_queue: creates the queue, or changes an existing one's settings; true when it was created. */
    static boolean create(ProcedureContext ctx, String queue, Integer concurrency, Double ratePerSecond,
                          Integer retryDelayMillis, Integer retentionSeconds) {
        if (concurrency != null && concurrency < 1) throw invalid("concurrency must be at least 1");
        if (ratePerSecond != null && !(ratePerSecond > 0)) throw invalid("rate_per_second must be positive");
        int retry = retryDelayMillis == null ? DEFAULT_RETRY_DELAY_MILLIS : retryDelayMillis;
        if (retry < 0) throw invalid("retry_delay_ms must not be negative");
        if (retentionSeconds != null && retentionSeconds < 0) throw invalid("retention_seconds must not be negative");
        if (find(ctx, queue) != null) {
            ctx.update("UPDATE sched.queues SET concurrency = $2, rate_per_second = $3, retry_delay_ms = $4, retention_seconds = $5"
                    + " WHERE name = $1", queue, concurrency, ratePerSecond, retry, retentionSeconds);
            return false;
        }
        insert(ctx, queue, concurrency, ratePerSecond, retry, retentionSeconds, ctx.now());
        return true;
    }

    /** pause_queue / resume_queue; false when the queue does not exist. */
    static boolean setPaused(ProcedureContext ctx, String queue, boolean paused) {
        return ctx.update("UPDATE sched.queues SET paused = $2 WHERE name = $1", queue, paused) > 0;
    }

    private static void insert(ProcedureContext ctx, String queue, Integer concurrency, Double ratePerSecond, int retryDelayMillis,
                               Integer retentionSeconds, OffsetDateTime now) {
        if (queue == null || queue.isEmpty() || queue.length() > QUEUE_NAME_CHARS_MAX) {
            throw invalid("queue name must have 1 to " + QUEUE_NAME_CHARS_MAX + " characters");
        }
        ctx.update("INSERT INTO sched.queues (name, concurrency, rate_per_second, paused, retry_delay_ms, retention_seconds,"
                + " waiting, queued, running, succeeded, failed, cancelled, claimed, claim_latency_ms, rate_tokens, rate_refilled_at,"
                + " created_at) VALUES ($1, $2, $3, false, $4, $5, 0, 0, 0, 0, 0, 0, 0, 0, $6, $7, $7)",
                queue, concurrency, ratePerSecond, retryDelayMillis, retentionSeconds,
                ratePerSecond == null ? 0.0 : Math.max(1.0, ratePerSecond), now);
    }

    static DbException invalid(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
