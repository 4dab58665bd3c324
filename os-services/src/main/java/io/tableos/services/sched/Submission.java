package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * submit and submit_many. A task starts {@code queued} when it is due and depends on nothing
 * unfinished, else {@code waiting}; one that depends on a failed or cancelled task starts
 * (and ends) failed or cancelled with it. A live task (not finished) with the same
 * {@code dedup_key} in the queue makes submit return its id instead.
 */
final class Submission {
    /** Payloads one submit_many call may carry; larger batches are split by the client. */
    static final int BATCH_TASKS_MAX = 10_000;
    static final int DEPENDENCIES_MAX = 1_000;
    static final int ATTEMPTS_MAX = 1_000;
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    record Request(String queue, String payload, int priority, OffsetDateTime runAt, String dedupKey, int maxAttempts,
                   SqlArray dependsOn, String tenant) {}

    private Submission() {}

    static long submit(ProcedureContext ctx, Request request) {
        Queues.ensure(ctx, request.queue());
        Counters counters = new Counters();
        long id = insert(ctx, counters, request);
        counters.flush(ctx);
        return id;
    }

    static List<Object[]> submitMany(ProcedureContext ctx, String queue, SqlArray payloads, int priority) {
        if (payloads == null) return List.of();
        if (payloads.elements().length > BATCH_TASKS_MAX) {
            throw Queues.invalid("submit_many takes at most " + BATCH_TASKS_MAX + " payloads per call");
        }
        Queues.ensure(ctx, queue);
        if (payloads.elements().length == 0) return List.of();
        // One statement for the batch: each task is due now, depends on nothing and has no dedup key, so it
        // starts queued; ids come from sched.ids in array order (submission order, the FIFO within a priority).
        OffsetDateTime now = ctx.now();
        List<Object[]> ids = ctx.query("INSERT INTO sched.tasks (id, queue, state, priority, payload, attempt, max_attempts,"
                + " run_at, tenant, pending_dependencies, submitted_at)"
                + " SELECT nextval('sched.ids'), $1, 'queued', $2, p, 0, $3, $4, '', 0, $4 FROM unnest($5::jsonb[]) AS p RETURNING id",
                queue, priority, DEFAULT_MAX_ATTEMPTS, now, payloads);
        Counters counters = new Counters();
        counters.moveMany(queue, "", null, SchedSchema.QUEUED, ids.size());
        counters.flush(ctx);
        return ids;
    }

    static long insert(ProcedureContext ctx, Counters counters, Request r) {
        if (r.maxAttempts() < 1 || r.maxAttempts() > ATTEMPTS_MAX) throw Queues.invalid("max_attempts must be 1 to " + ATTEMPTS_MAX);
        if (r.dedupKey() != null) {
            List<Object[]> live = ctx.query("SELECT id FROM sched.tasks WHERE queue = $1 AND dedup_key = $2"
                    + " AND state IN ('waiting', 'queued', 'running')", r.queue(), r.dedupKey());
            if (!live.isEmpty()) return ((Number) live.get(0)[0]).longValue();
        }
        OffsetDateTime now = ctx.now();
        OffsetDateTime runAt = r.runAt() == null || r.runAt().isBefore(now) ? now : r.runAt();
        String tenant = r.tenant() == null ? "" : r.tenant();
        long id = ((Number) ctx.query("SELECT nextval('sched.ids')").get(0)[0]).longValue();
        Dependencies deps = Dependencies.check(ctx, r.dependsOn());
        String state = deps.endedState() != null ? deps.endedState()
                : deps.pending() > 0 || runAt.isAfter(now) ? SchedSchema.WAITING : SchedSchema.QUEUED;
        boolean ended = deps.endedState() != null;
        ctx.update("INSERT INTO sched.tasks (id, queue, state, priority, payload, attempt, max_attempts, run_at, dedup_key, tenant,"
                + " depends_on, pending_dependencies, submitted_at, finished_at, error)"
                + " VALUES ($1, $2, $3, $4, $5::jsonb, 0, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                id, r.queue(), state, r.priority(), r.payload(), r.maxAttempts(), runAt, r.dedupKey(), tenant,
                r.dependsOn() == null ? null : new SqlArray(SqlType.INT8, r.dependsOn().elements()), deps.pending(), now,
                ended ? now : null, ended ? deps.error() : null);
        if (!ended) for (long d : deps.unfinished()) {
            ctx.update("INSERT INTO sched.dependents (task_id, dependent) VALUES ($1, $2)", d, id);
        }
        counters.move(r.queue(), tenant, null, state);
        if (state.equals(SchedSchema.WAITING) && deps.pending() == 0) counters.due(r.queue(), runAt);
        return id;
    }

    /** What a new task's dependencies say: how many are unfinished, or that one already failed or was cancelled. */
    record Dependencies(long[] unfinished, int pending, String endedState, String error) {
        static Dependencies check(ProcedureContext ctx, SqlArray dependsOn) {
            if (dependsOn == null || dependsOn.elements().length == 0) return new Dependencies(new long[0], 0, null, null);
            Object[] ids = dependsOn.elements();
            if (ids.length > DEPENDENCIES_MAX) throw Queues.invalid("a task depends on at most " + DEPENDENCIES_MAX + " tasks");
            long[] unfinished = new long[ids.length];
            int pending = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (Object o : ids) {
                if (o == null) throw Queues.invalid("depends_on must not contain NULL");
                long id = ((Number) o).longValue();
                if (!seen.add(id)) continue;
                List<Object[]> rows = ctx.query("SELECT state FROM sched.tasks WHERE id = $1", id);
                if (rows.isEmpty()) throw Queues.invalid("depends_on names task " + id + ", which does not exist");
                String state = (String) rows.get(0)[0];
                if (state.equals(SchedSchema.FAILED)) return new Dependencies(new long[0], 0, SchedSchema.FAILED, "dependency " + id + " failed");
                if (state.equals(SchedSchema.CANCELLED)) {
                    return new Dependencies(new long[0], 0, SchedSchema.CANCELLED, "dependency " + id + " was cancelled");
                }
                if (!state.equals(SchedSchema.SUCCEEDED)) unfinished[pending++] = id;
            }
            return new Dependencies(java.util.Arrays.copyOf(unfinished, pending), pending, null, null);
        }
    }
}
