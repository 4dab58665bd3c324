package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * claim: leases up to max_tasks queued tasks of a queue to a worker, most important first
 * (priority, then submission order: the {@code tasks_ready} index order). Before choosing it
 * takes back expired leases and queues the waiting tasks that fell due (each only once the
 * queue's lower bound for it has come: see {@link SchedSchema}), fires due cron entries and
 * drops finished tasks past the queue's retention. Then it caps the count by the
 * queue's concurrency (running tasks) and rate (a token bucket of rate_per_second, holding at
 * most one second's worth), and shares it between the queue's tenants, fewest running first,
 * so a tenant that floods the queue cannot starve another. Finding nothing with wait_ms > 0,
 * it asks to be called again when sched.tasks or sched.queues change or when the next delayed
 * task, lease expiry or rate token falls due.
 */
final class Claiming {
    static final int CLAIM_TASKS_MAX = 1_000;
    /** Due waiting tasks one claim moves to the queue; more wait for the next call. */
    static final int PROMOTIONS_PER_CALL_MAX = 10_000;
    /** Finished tasks one claim deletes for retention. */
    static final int RETENTION_DELETES_PER_CALL_MAX = 1_000;
    private static final List<String> WATCHED = List.of("sched.tasks", "sched.queues");

    private Claiming() {}

    static List<Object[]> claim(ProcedureContext ctx, long worker, String queue, int maxTasks, int leaseSeconds, int waitMillis) {
        if (maxTasks < 1 || maxTasks > CLAIM_TASKS_MAX) throw Queues.invalid("max_tasks must be 1 to " + CLAIM_TASKS_MAX);
        if (leaseSeconds < 1 || leaseSeconds > Leases.LEASE_SECONDS_MAX) {
            throw Queues.invalid("lease_seconds must be 1 to " + Leases.LEASE_SECONDS_MAX);
        }
        Object[] settings = Queues.require(ctx, queue);
        Leases.requireWorker(ctx, worker);
        Counters counters = new Counters();
        Transitions transitions = new Transitions(ctx, counters);
        OffsetDateTime now = transitions.now();
        if (reached(settings[9], now)) {
            Leases.expire(ctx, transitions, queue);
            ctx.update("UPDATE sched.queues SET next_expiry_at = $2 WHERE name = $1", queue, Leases.nextExpiry(ctx, queue));
        }
        if (reached(settings[8], now)) {
            promoteDue(ctx, counters, queue, now);
            ctx.update("UPDATE sched.queues SET next_due_at = $2 WHERE name = $1", queue, nextDue(ctx, queue));
        }
        Cron.fire(ctx, counters, queue, now);
        if (settings[4] != null) retain(ctx, queue, now.minusSeconds(((Number) settings[4]).intValue()));
        counters.flush(ctx);
        settings = Queues.require(ctx, queue);  // counts as they are now

        boolean paused = (Boolean) settings[2];
        int limit = paused ? 0 : maxTasks;
        if (settings[0] != null) limit = (int) Math.min(limit, Math.max(0, ((Number) settings[0]).intValue() - ((Number) settings[5]).longValue()));
        RateBucket bucket = settings[1] == null ? null : new RateBucket(((Number) settings[1]).doubleValue(),
                ((Number) settings[6]).doubleValue(), (OffsetDateTime) settings[7], now);
        if (bucket != null) limit = Math.min(limit, bucket.whole());

        List<Object[]> claimed = limit == 0 ? List.of() : lease(ctx, counters, worker, queue, limit, leaseSeconds, now);
        if (bucket != null) {
            ctx.update("UPDATE sched.queues SET rate_tokens = $2, rate_refilled_at = $3 WHERE name = $1",
                    queue, bucket.after(claimed.size()), now);
        }
        counters.flush(ctx);
        if (!claimed.isEmpty() || waitMillis <= 0) return claimed;
        OffsetDateTime wake = paused ? null : earliest((OffsetDateTime) settings[8], (OffsetDateTime) settings[9],
                bucket != null && bucket.whole() == 0 ? bucket.nextToken() : null, Cron.nextRun(ctx, queue));
        return ctx.waitForCommit(WATCHED, wake);
    }

    private static List<Object[]> lease(ProcedureContext ctx, Counters counters, long worker, String queue, int limit,
                                        int leaseSeconds, OffsetDateTime now) {
        List<Object[]> out = new ArrayList<>(limit);
        for (Object[] share : TenantShares.split(ctx, queue, limit)) {
            String tenant = (String) share[0];
            int count = (Integer) share[1];
            List<Object[]> tasks = ctx.query("SELECT id, payload, attempt, submitted_at FROM sched.tasks WHERE queue = $1"
                    + " AND tenant = $2 AND state = 'queued' ORDER BY priority DESC, id LIMIT $3", queue, tenant, count);
            if (tasks.isEmpty()) continue;
            // A lease per task (a fencing token naming this claim of it), all drawn in one statement.
            List<Object[]> leases = ctx.query("SELECT nextval('sched.ids') FROM generate_series(1, $1)", tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                Object[] t = tasks.get(i);
                long lease = ((Number) leases.get(i)[0]).longValue();
                int attempt = ((Number) t[2]).intValue() + 1;
                ctx.update("UPDATE sched.tasks SET state = 'running', attempt = $2, worker = $3, lease = $4, lease_seconds = $5,"
                        + " lease_expires_at = $6, started_at = $7 WHERE id = $1",
                        t[0], attempt, worker, lease, leaseSeconds, now.plusSeconds(leaseSeconds), now);
                counters.move(queue, tenant, SchedSchema.QUEUED, SchedSchema.RUNNING);
                counters.workerRunning(worker, 1);
                counters.leased(queue, now.plusSeconds(leaseSeconds));
                counters.claimed(queue, Duration.between((OffsetDateTime) t[3], now).toNanos() / 1e6);
                out.add(new Object[] {t[0], t[1], attempt, lease});
            }
        }
        return out;
    }

    private static void promoteDue(ProcedureContext ctx, Counters counters, String queue, OffsetDateTime now) {
        for (Object[] r : ctx.query("SELECT id, tenant FROM sched.tasks WHERE queue = $1 AND state = 'waiting'"
                + " AND pending_dependencies = 0 AND run_at <= $2 ORDER BY run_at LIMIT " + PROMOTIONS_PER_CALL_MAX, queue, now)) {
            ctx.update("UPDATE sched.tasks SET state = 'queued' WHERE id = $1", r[0]);
            counters.move(queue, (String) r[1], SchedSchema.WAITING, SchedSchema.QUEUED);
        }
    }

    private static OffsetDateTime nextDue(ProcedureContext ctx, String queue) {
        List<Object[]> rows = ctx.query("SELECT run_at FROM sched.tasks WHERE queue = $1 AND state = 'waiting'"
                + " AND pending_dependencies = 0 ORDER BY run_at LIMIT 1", queue);
        return rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[0];
    }

    private static void retain(ProcedureContext ctx, String queue, OffsetDateTime before) {
        for (Object[] r : ctx.query("SELECT id FROM sched.tasks WHERE queue = $1 AND finished_at < $2 ORDER BY finished_at LIMIT "
                + RETENTION_DELETES_PER_CALL_MAX, queue, before)) {
            ctx.update("DELETE FROM sched.tasks WHERE id = $1", r[0]);
            ctx.update("DELETE FROM sched.dependents WHERE task_id = $1", r[0]);
        }
    }

    /** True when the queue's lower bound {@code hint} (null: nothing pending) has come. */
    private static boolean reached(Object hint, OffsetDateTime now) {
        return hint != null && !now.isBefore((OffsetDateTime) hint);
    }

    private static OffsetDateTime earliest(OffsetDateTime... times) {
        OffsetDateTime min = null;
        for (OffsetDateTime t : times) if (t != null && (min == null || t.isBefore(min))) min = t;
        return min;
    }

    /** The queue's rate limit as a token bucket: rate tokens a second, at most max(1, rate) held. */
    private record RateBucket(double rate, double tokens, OffsetDateTime now) {
        RateBucket(double rate, double stored, OffsetDateTime refilledAt, OffsetDateTime now) {
            this(rate, Math.min(Math.max(1.0, rate), stored + rate * Duration.between(refilledAt, now).toNanos() / 1e9), now);
        }

        int whole() {
            return (int) Math.min(Integer.MAX_VALUE, Math.floor(tokens));
        }

        double after(int taken) {
            return tokens - taken;
        }

        OffsetDateTime nextToken() {
            return now.plusNanos((long) Math.ceil((1.0 - (tokens - Math.floor(tokens))) / rate * 1e9));
        }
    }
}
