package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.SqlArray;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * complete, complete_many, fail and cancel. Completion and failure carry the lease (fencing
 * token) the claim returned and are accepted only while it is the task's current, unexpired
 * lease: a worker whose lease expired (the task may already run elsewhere) is refused, so no
 * task is ever completed twice. A failure retries after retry_delay_ms * 2^(attempt-1) while
 * attempts remain.
 */
final class Finishing {
    private Finishing() {}

    static boolean complete(ProcedureContext ctx, long taskId, long lease, String result) {
        Counters counters = new Counters();
        boolean done = complete(new Transitions(ctx, counters), ctx, taskId, lease, result);
        counters.flush(ctx);
        return done;
    }

    /**
     * Reads the named tasks in one statement, accepts each whose current unexpired lease is one
     * given with its id, and finishes the accepted ones in one statement.
     */
    static int completeMany(ProcedureContext ctx, SqlArray taskIds, SqlArray leases) {
        if (taskIds == null || leases == null) return 0;
        if (taskIds.elements().length != leases.elements().length) throw Queues.invalid("task_ids and leases differ in length");
        if (taskIds.elements().length > Submission.BATCH_TASKS_MAX) {
            throw Queues.invalid("complete_many takes at most " + Submission.BATCH_TASKS_MAX + " tasks per call");
        }
        Map<Long, List<Long>> offered = new HashMap<>();
        for (int i = 0; i < taskIds.elements().length; i++) {
            Object id = taskIds.elements()[i];
            Object lease = leases.elements()[i];
            if (id != null && lease != null) {
                offered.computeIfAbsent(((Number) id).longValue(), k -> new ArrayList<>()).add(((Number) lease).longValue());
            }
        }
        if (offered.isEmpty()) return 0;
        Counters counters = new Counters();
        Transitions transitions = new Transitions(ctx, counters);
        Map<Long, TaskRow> accepted = new LinkedHashMap<>();
        for (Object[] r : ctx.query("SELECT " + TaskRow.COLUMNS + " FROM sched.tasks WHERE id = ANY($1)", Transitions.ids(offered.keySet()))) {
            TaskRow task = TaskRow.of(r);
            for (long lease : offered.get(task.id())) {
                if (task.leasedBy(lease, transitions.now())) accepted.put(task.id(), task);
            }
        }
        transitions.succeedAll(List.copyOf(accepted.values()));
        counters.flush(ctx);
        return accepted.size();
    }

    private static boolean complete(Transitions transitions, ProcedureContext ctx, long taskId, long lease, String result) {
        TaskRow task = TaskRow.find(ctx, taskId);
        if (task == null || !task.leasedBy(lease, transitions.now())) return false;
        transitions.finish(task, SchedSchema.SUCCEEDED, result, null);
        return true;
    }

    /** The task's new state, or null when the lease is not (or no longer) the task's. */
    static String fail(ProcedureContext ctx, long taskId, long lease, String error) {
        Counters counters = new Counters();
        Transitions transitions = new Transitions(ctx, counters);
        TaskRow task = TaskRow.find(ctx, taskId);
        if (task == null || !task.leasedBy(lease, transitions.now())) return null;
        String state;
        if (task.attempt() >= task.maxAttempts()) {
            transitions.finish(task, SchedSchema.FAILED, null, error);
            state = SchedSchema.FAILED;
        } else {
            Object[] settings = Queues.require(ctx, task.queue());
            long base = ((Number) settings[3]).longValue();
            long delay = Math.min(Queues.RETRY_DELAY_MAX_MILLIS, base << Math.min(30, task.attempt() - 1));
            OffsetDateTime runAt = transitions.now().plusNanos(delay * 1_000_000);
            transitions.retry(task, runAt, error);
            state = runAt.isAfter(transitions.now()) ? SchedSchema.WAITING : SchedSchema.QUEUED;
        }
        counters.flush(ctx);
        return state;
    }

    /** Cancels a task that has not finished (a running one's lease is refused from then on); false otherwise. */
    static boolean cancel(ProcedureContext ctx, long taskId) {
        Counters counters = new Counters();
        Transitions transitions = new Transitions(ctx, counters);
        TaskRow task = TaskRow.find(ctx, taskId);
        if (task == null || task.finished()) return false;
        transitions.finish(task, SchedSchema.CANCELLED, null, "cancelled");
        counters.flush(ctx);
        return true;
    }
}
