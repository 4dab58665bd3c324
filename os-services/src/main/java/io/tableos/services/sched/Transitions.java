package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * Moves tasks between states inside one procedure call, keeping {@link Counters} and the
 * dependency graph in step: a task that succeeds releases its dependents (queued once none is
 * left and they are due), one that fails or is cancelled takes its unfinished dependents with it.
 */
final class Transitions {
    /** Longest chain of dependents one call fails or cancels; beyond it the call fails (54000) rather than run long. */
    static final int CASCADE_TASKS_MAX = 10_000;

    private final ProcedureContext ctx;
    private final Counters counters;
    private final OffsetDateTime now;

    Transitions(ProcedureContext ctx, Counters counters) {
        this.ctx = ctx;
        this.counters = counters;
        this.now = ctx.now();
    }

    OffsetDateTime now() {
        return now;
    }

    /** Ends a running or unstarted task in {@code state}; its lease dies with it; a null error keeps the last attempt's. */
    void finish(TaskRow task, String state, String result, String error) {
        ctx.update("UPDATE sched.tasks SET state = $2, result = $3::jsonb, error = COALESCE($4, error), finished_at = $5, lease_expires_at = NULL"
                + " WHERE id = $1", task.id(), state, result, error, now);
        leave(task, state);
        if (state.equals(SchedSchema.SUCCEEDED)) release(task.id());
        else cascade(task.id(), state);
    }

    /** Ends running tasks as succeeded in one statement (see {@link #finish}), releasing their dependents. */
    void succeedAll(List<TaskRow> tasks) {
        if (tasks.isEmpty()) return;
        SqlArray ids = ids(tasks.stream().map(TaskRow::id).toList());
        ctx.update("UPDATE sched.tasks SET state = $2, result = NULL, finished_at = $3, lease_expires_at = NULL WHERE id = ANY($1)",
                ids, SchedSchema.SUCCEEDED, now);
        for (TaskRow task : tasks) leave(task, SchedSchema.SUCCEEDED);
        for (Object[] d : ctx.query("SELECT dependent FROM sched.dependents WHERE task_id = ANY($1)", ids)) {
            releaseOne(((Number) d[0]).longValue());
        }
    }

    /** Task ids as a bigint[] parameter. */
    static SqlArray ids(Collection<Long> ids) {
        return new SqlArray(SqlType.INT8, ids.toArray());
    }

    /** Puts a task back to wait ({@code runAt} in the future) or in the queue, for another attempt. */
    void retry(TaskRow task, OffsetDateTime runAt, String error) {
        String state = runAt.isAfter(now) ? SchedSchema.WAITING : SchedSchema.QUEUED;
        ctx.update("UPDATE sched.tasks SET state = $2, run_at = $3, error = $4, worker = NULL, lease_expires_at = NULL"
                + " WHERE id = $1", task.id(), state, runAt, error);
        leave(task, state);
        if (state.equals(SchedSchema.WAITING)) counters.due(task.queue(), runAt);
    }

    private void leave(TaskRow task, String state) {
        counters.move(task.queue(), task.tenant(), task.state(), state);
        if (task.state().equals(SchedSchema.RUNNING) && task.worker() != null) counters.workerRunning(task.worker(), -1);
    }

    private void release(long taskId) {
        for (Object[] d : ctx.query("SELECT dependent FROM sched.dependents WHERE task_id = $1", taskId)) {
            releaseOne(((Number) d[0]).longValue());
        }
    }

    /** One of {@code dependent}'s dependencies succeeded: queued (or due by time alone) once none is left. */
    private void releaseOne(long dependent) {
        List<Object[]> rows = ctx.query("UPDATE sched.tasks SET pending_dependencies = pending_dependencies - 1"
                + " WHERE id = $1 AND state = 'waiting' RETURNING pending_dependencies, run_at, queue, tenant", dependent);
        if (rows.isEmpty()) return;
        Object[] r = rows.get(0);
        if (((Number) r[0]).intValue() != 0) return;
        OffsetDateTime runAt = (OffsetDateTime) r[1];
        if (runAt.isAfter(now)) {
            counters.due((String) r[2], runAt);  // now due by time alone: tasks_due holds it from here
        } else {
            ctx.update("UPDATE sched.tasks SET state = 'queued' WHERE id = $1", dependent);
            counters.move((String) r[2], (String) r[3], SchedSchema.WAITING, SchedSchema.QUEUED);
        }
    }

    private void cascade(long taskId, String state) {
        Deque<Long> failed = new ArrayDeque<>(List.of(taskId));
        int count = 0;
        while (!failed.isEmpty()) {
            long cause = failed.poll();
            for (Object[] d : ctx.query("SELECT dependent FROM sched.dependents WHERE task_id = $1", cause)) {
                TaskRow dependent = TaskRow.find(ctx, ((Number) d[0]).longValue());
                if (dependent == null || dependent.finished()) continue;
                if (++count > CASCADE_TASKS_MAX) {
                    throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.PROGRAM_LIMIT_EXCEEDED,
                            "more than " + CASCADE_TASKS_MAX + " dependent tasks to end at once");
                }
                String error = "dependency " + cause + " " + (state.equals(SchedSchema.CANCELLED) ? "was cancelled" : "failed");
                ctx.update("UPDATE sched.tasks SET state = $2, error = $3, finished_at = $4, lease_expires_at = NULL WHERE id = $1",
                        dependent.id(), state, error, now);
                leave(dependent, state);
                failed.add(dependent.id());
            }
        }
    }
}
