package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Cron entries: {@code sched.schedule(name, queue, cron, payload)} submits a task to the queue
 * at each matching minute. Entries fire inside claims of their queue (every claim, long-poll
 * wake-ups included, looks at the {@code cron_due} index), so a run is never missed while a
 * worker polls, and runs missed while none did collapse into one.
 */
final class Cron {
    static final int ENTRIES_PER_CALL_MAX = 1_000;

    private Cron() {}

    static boolean schedule(ProcedureContext ctx, String name, String queue, String expression, String payload) {
        if (name == null || queue == null) throw Queues.invalid("schedule name and queue must not be null");
        OffsetDateTime next = CronSchedule.parse(expression).next(ctx.now());
        Queues.ensure(ctx, queue);
        boolean existed = ctx.update("DELETE FROM sched.cron WHERE name = $1", name) > 0;
        ctx.update("INSERT INTO sched.cron (name, queue, schedule, payload, next_run_at) VALUES ($1, $2, $3, $4::jsonb, $5)",
                name, queue, expression, payload, next);
        return !existed;
    }

    static boolean unschedule(ProcedureContext ctx, String name) {
        return ctx.update("DELETE FROM sched.cron WHERE name = $1", name) > 0;
    }

    static void fire(ProcedureContext ctx, Counters counters, String queue, OffsetDateTime now) {
        for (Object[] r : ctx.query("SELECT name, schedule, payload FROM sched.cron WHERE queue = $1 AND next_run_at <= $2"
                + " ORDER BY next_run_at LIMIT " + ENTRIES_PER_CALL_MAX, queue, now)) {
            Submission.insert(ctx, counters, new Submission.Request(queue, (String) r[2], 0, null, null,
                    Submission.DEFAULT_MAX_ATTEMPTS, null, null));
            ctx.update("UPDATE sched.cron SET next_run_at = $2 WHERE name = $1", r[0], CronSchedule.parse((String) r[1]).next(now));
        }
    }

    static OffsetDateTime nextRun(ProcedureContext ctx, String queue) {
        List<Object[]> rows = ctx.query("SELECT next_run_at FROM sched.cron WHERE queue = $1 ORDER BY next_run_at LIMIT 1", queue);
        return rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[0];
    }
}
