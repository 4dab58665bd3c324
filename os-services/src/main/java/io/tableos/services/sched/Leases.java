package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Workers and their leases. A claim leases a task to a worker until {@code lease_expires_at};
 * the worker's heartbeats move that time on for its unexpired leases. An expired lease is
 * never revived: the next claim, heartbeat or expiry sweep puts the task back in the queue
 * (or fails it, attempts spent), and the fencing token {@code lease} it carried is refused by
 * complete and fail from then on, since the check compares both the token and the expiry.
 */
final class Leases {
    /** Expired leases one call takes back; the rest wait for the next call. */
    static final int EXPIRIES_PER_CALL_MAX = 1_000;
    static final int LEASE_SECONDS_MAX = 86_400;
    static final int CAPACITY_MAX = 100_000;
    /** Before any lease. */
    private static final OffsetDateTime LEASES_BEGIN = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    private Leases() {}

    static long registerWorker(ProcedureContext ctx, String name, int capacity) {
        if (name == null) throw Queues.invalid("worker name must not be null");
        if (capacity < 1 || capacity > CAPACITY_MAX) throw Queues.invalid("capacity must be 1 to " + CAPACITY_MAX);
        long id = ((Number) ctx.query("SELECT nextval('sched.ids')").get(0)[0]).longValue();
        ctx.update("INSERT INTO sched.workers (id, name, capacity, running, registered_at, last_heartbeat_at)"
                + " VALUES ($1, $2, $3, 0, $4, $4)", id, name, capacity, ctx.now());
        return id;
    }

    /**
     * Extends the worker's unexpired leases by their lease_seconds; false for an unknown worker. A worker
     * that lost a claim's reply holds leases it does not know of: it must register anew (the Worker runtime
     * does), or its heartbeats keep those tasks from ever running again.
     */
    static boolean heartbeat(ProcedureContext ctx, long worker) {
        OffsetDateTime now = ctx.now();
        if (ctx.update("UPDATE sched.workers SET last_heartbeat_at = $2 WHERE id = $1", worker, now) == 0) return false;
        for (Object[] r : ctx.query("SELECT id, lease_seconds, lease_expires_at FROM sched.tasks WHERE worker = $1"
                + " AND state = 'running'", worker)) {
            if (((OffsetDateTime) r[2]).isBefore(now)) continue;  // expired: never revived, the next claim takes it back
            ctx.update("UPDATE sched.tasks SET lease_expires_at = $2 WHERE id = $1",
                    r[0], now.plusSeconds(((Number) r[1]).intValue()));
        }
        return true;  // a later expiry leaves the queues' next_expiry_at a lower bound still

    }

    static void requireWorker(ProcedureContext ctx, long worker) {
        if (ctx.update("UPDATE sched.workers SET last_heartbeat_at = $2 WHERE id = $1", worker, ctx.now()) == 0) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "worker " + worker + " is not registered");
        }
    }

    /** Takes back the queue's tasks whose lease expired before now: queued again, or failed once their attempts are spent. */
    static void expire(ProcedureContext ctx, Transitions transitions, String queue) {
        List<Object[]> expired = ctx.query("SELECT " + TaskRow.COLUMNS + " FROM sched.tasks WHERE queue = $1 AND state = 'running'"
                + " AND lease_expires_at < $2 ORDER BY lease_expires_at LIMIT " + EXPIRIES_PER_CALL_MAX, queue, transitions.now());
        for (Object[] r : expired) {
            TaskRow task = TaskRow.of(r);
            String error = "lease " + task.lease() + " of worker " + task.worker() + " expired";
            if (task.attempt() >= task.maxAttempts()) transitions.finish(task, SchedSchema.FAILED, null, error);
            else transitions.retry(task, transitions.now(), error);
        }
    }

    /** When the queue's earliest lease expires, or null. */
    static OffsetDateTime nextExpiry(ProcedureContext ctx, String queue) {
        // The range (true of every lease) is what lets the planner walk tasks_leases instead of sorting the table.
        List<Object[]> rows = ctx.query("SELECT lease_expires_at FROM sched.tasks WHERE queue = $1 AND state = 'running'"
                + " AND lease_expires_at > $2 ORDER BY lease_expires_at LIMIT 1", queue, LEASES_BEGIN);
        return rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[0];
    }
}
