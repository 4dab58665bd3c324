package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state counts one procedure call changes, gathered as tasks move and written once at
 * its end: per queue (sched.queues' counts and claim latency), per queue and tenant (queued
 * and running, for fair share) and per worker (running). Invariant: after every call, each
 * count equals the number of tasks in that state (the tests check it against the tasks table).
 */
final class Counters {
    private static final List<String> STATES = List.of(SchedSchema.WAITING, SchedSchema.QUEUED, SchedSchema.RUNNING,
            SchedSchema.SUCCEEDED, SchedSchema.FAILED, SchedSchema.CANCELLED);

    private final Map<String, long[]> queues = new LinkedHashMap<>();
    private final Map<List<String>, long[]> tenants = new LinkedHashMap<>();
    private final Map<Long, long[]> workers = new LinkedHashMap<>();
    private final Map<String, double[]> latencies = new LinkedHashMap<>();
    /** Per queue: the earliest new waiting run_at [0] and lease expiry [1] this call created. */
    private final Map<String, OffsetDateTime[]> bounds = new LinkedHashMap<>();

    /** A task of {@code queue}/{@code tenant} moved from {@code from} (null: new) to {@code to}. */
    void move(String queue, String tenant, String from, String to) {
        moveMany(queue, tenant, from, to, 1);
    }

    /** {@code count} tasks of {@code queue}/{@code tenant} moved from {@code from} (null: new) to {@code to}. */
    void moveMany(String queue, String tenant, String from, String to, long count) {
        long[] q = queues.computeIfAbsent(queue, k -> new long[STATES.size()]);
        long[] t = tenants.computeIfAbsent(List.of(queue, tenant), k -> new long[2]);
        if (from != null) {
            q[STATES.indexOf(from)] -= count;
            if (from.equals(SchedSchema.QUEUED)) t[0] -= count;
            if (from.equals(SchedSchema.RUNNING)) t[1] -= count;
        }
        q[STATES.indexOf(to)] += count;
        if (to.equals(SchedSchema.QUEUED)) t[0] += count;
        if (to.equals(SchedSchema.RUNNING)) t[1] += count;
    }

    void workerRunning(long worker, int delta) {
        workers.computeIfAbsent(worker, k -> new long[1])[0] += delta;
    }

    /** A task of {@code queue} waits until {@code runAt}: the queue's next_due_at must not be later. */
    void due(String queue, OffsetDateTime runAt) {
        lower(queue, 0, runAt);
    }

    /** A lease of {@code queue} expires at {@code expiresAt}: the queue's next_expiry_at must not be later. */
    void leased(String queue, OffsetDateTime expiresAt) {
        lower(queue, 1, expiresAt);
    }

    private void lower(String queue, int which, OffsetDateTime at) {
        OffsetDateTime[] b = bounds.computeIfAbsent(queue, k -> new OffsetDateTime[2]);
        if (b[which] == null || at.isBefore(b[which])) b[which] = at;
    }

    /** A claim of a task submitted {@code latencyMillis} ago (for the queue's mean claim latency). */
    void claimed(String queue, double latencyMillis) {
        double[] l = latencies.computeIfAbsent(queue, k -> new double[2]);
        l[0]++;
        l[1] += latencyMillis;
    }

    /** Writes the gathered changes and starts over from zero. */
    void flush(ProcedureContext ctx) {
        for (Map.Entry<String, long[]> e : queues.entrySet()) {
            long[] d = e.getValue();
            double[] l = latencies.getOrDefault(e.getKey(), new double[2]);
            ctx.update("UPDATE sched.queues SET waiting = waiting + $2, queued = queued + $3, running = running + $4,"
                    + " succeeded = succeeded + $5, failed = failed + $6, cancelled = cancelled + $7,"
                    + " claim_latency_ms = CASE WHEN claimed + $8 = 0 THEN 0 ELSE (claim_latency_ms * claimed + $9) / (claimed + $8) END,"
                    + " claimed = claimed + $8 WHERE name = $1",
                    e.getKey(), d[0], d[1], d[2], d[3], d[4], d[5], (long) l[0], l[1]);
        }
        for (Map.Entry<List<String>, long[]> e : tenants.entrySet()) {
            long[] d = e.getValue();
            if (d[0] == 0 && d[1] == 0) continue;
            long changed = ctx.update("UPDATE sched.tenants SET queued = queued + $3, running = running + $4"
                    + " WHERE queue = $1 AND tenant = $2", e.getKey().get(0), e.getKey().get(1), d[0], d[1]);
            if (changed == 0) {
                ctx.update("INSERT INTO sched.tenants (queue, tenant, queued, running) VALUES ($1, $2, $3, $4)",
                        e.getKey().get(0), e.getKey().get(1), d[0], d[1]);
            }
        }
        for (Map.Entry<Long, long[]> e : workers.entrySet()) {
            if (e.getValue()[0] != 0) {
                ctx.update("UPDATE sched.workers SET running = running + $2 WHERE id = $1", e.getKey(), (int) e.getValue()[0]);
            }
        }
        for (Map.Entry<String, OffsetDateTime[]> e : bounds.entrySet()) {
            OffsetDateTime[] b = e.getValue();
            if (b[0] != null) {
                ctx.update("UPDATE sched.queues SET next_due_at = $2 WHERE name = $1 AND (next_due_at IS NULL OR next_due_at > $2)",
                        e.getKey(), b[0]);
            }
            if (b[1] != null) {
                ctx.update("UPDATE sched.queues SET next_expiry_at = $2 WHERE name = $1"
                        + " AND (next_expiry_at IS NULL OR next_expiry_at > $2)", e.getKey(), b[1]);
            }
        }
        bounds.clear();
        queues.clear();
        tenants.clear();
        workers.clear();
        latencies.clear();
    }
}
