package io.tableos.services.sched;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.List;

/** The columns of a sched.tasks row that procedures decide on. */
record TaskRow(long id, String queue, String tenant, String state, Long lease, OffsetDateTime leaseExpiresAt, Long worker,
               int attempt, int maxAttempts, OffsetDateTime submittedAt) {

    static final String COLUMNS = "id, queue, tenant, state, lease, lease_expires_at, worker, attempt, max_attempts, submitted_at";

    /** The task, or null. */
    static TaskRow find(ProcedureContext ctx, long id) {
        List<Object[]> rows = ctx.query("SELECT " + COLUMNS + " FROM sched.tasks WHERE id = $1", id);
        return rows.isEmpty() ? null : of(rows.get(0));
    }

    static TaskRow of(Object[] r) {
        return new TaskRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(), (OffsetDateTime) r[5],
                r[6] == null ? null : ((Number) r[6]).longValue(), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                (OffsetDateTime) r[9]);
    }

    boolean finished() {
        return state.equals(SchedSchema.SUCCEEDED) || state.equals(SchedSchema.FAILED) || state.equals(SchedSchema.CANCELLED);
    }

    /** True when {@code lease} is this task's current, unexpired lease at {@code now}: the fencing check. */
    boolean leasedBy(long lease, OffsetDateTime now) {
        return state.equals(SchedSchema.RUNNING) && this.lease != null && this.lease == lease
                && leaseExpiresAt != null && !leaseExpiresAt.isBefore(now);
    }
}
