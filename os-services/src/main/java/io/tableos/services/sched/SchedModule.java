package io.tableos.services.sched;

import static io.tableos.db.sql.exec.ProcedureParameter.optional;
import static io.tableos.db.sql.exec.ProcedureParameter.required;
import static io.tableos.services.ProcedureValues.integer;
import static io.tableos.services.ProcedureValues.number;
import static io.tableos.services.ProcedureValues.one;
import static io.tableos.services.ProcedureValues.row;
import static io.tableos.services.ProcedureValues.text;

import io.tableos.db.service.Migration;
import io.tableos.db.service.ServiceModule;
import io.tableos.db.service.ServiceProcedures;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The cluster scheduler {@code sched}: queues, tasks and workers as rows, every operation one
 * procedure call (one transaction on the leader's commit path). The SQL signatures below are
 * a contract with programs outside the project (issue 13): names, argument order and result
 * columns stay; new optional arguments go last.
 */
public final class SchedModule implements ServiceModule {
    private static final DataType INT4 = DataType.INT4;
    private static final DataType INT8 = DataType.INT8;
    private static final DataType TEXT = DataType.TEXT;
    private static final DataType JSONB = DataType.JSONB;
    private static final DataType BOOL = DataType.BOOL;

    @Override
    public String name() {
        return "sched";
    }

    @Override
    public List<Migration> migrations() {
        return SchedSchema.MIGRATIONS;
    }

    @Override
    public void registerProcedures(ServiceProcedures p) {
        p.register("create_queue", List.of(required("name", TEXT), optional("concurrency", INT4, null),
                        optional("rate_per_second", DataType.FLOAT8, null),
                        optional("retry_delay_ms", INT4, Queues.DEFAULT_RETRY_DELAY_MILLIS), optional("retention_seconds", INT4, null)),
                one("create_queue", BOOL),
                (ctx, a) -> row(Queues.create(ctx, text(a[0], "name"), (Integer) a[1], (Double) a[2], (Integer) a[3], (Integer) a[4])));
        p.register("pause_queue", List.of(required("name", TEXT)), one("pause_queue", BOOL),
                (ctx, a) -> row(Queues.setPaused(ctx, text(a[0], "name"), true)));
        p.register("resume_queue", List.of(required("name", TEXT)), one("resume_queue", BOOL),
                (ctx, a) -> row(Queues.setPaused(ctx, text(a[0], "name"), false)));

        p.register("submit", List.of(required("queue", TEXT), required("payload", JSONB), optional("priority", INT4, 0),
                        optional("run_at", DataType.TIMESTAMPTZ, null), optional("dedup_key", TEXT, null),
                        optional("max_attempts", INT4, Submission.DEFAULT_MAX_ATTEMPTS),
                        optional("depends_on", DataType.arrayOf(SqlType.INT8), null), optional("tenant", TEXT, null)),
                one("submit", INT8),
                (ctx, a) -> row(Submission.submit(ctx, new Submission.Request(text(a[0], "queue"), (String) a[1],
                        integer(a[2], "priority"), (OffsetDateTime) a[3], (String) a[4], integer(a[5], "max_attempts"),
                        (SqlArray) a[6], (String) a[7]))));
        p.register("submit_many", List.of(required("queue", TEXT), required("payloads", DataType.arrayOf(SqlType.JSONB)),
                        optional("priority", INT4, 0)),
                one("submit_many", INT8),
                (ctx, a) -> Submission.submitMany(ctx, text(a[0], "queue"), (SqlArray) a[1], integer(a[2], "priority")));

        p.register("register_worker", List.of(required("name", TEXT), required("capacity", INT4)), one("register_worker", INT8),
                (ctx, a) -> row(Leases.registerWorker(ctx, text(a[0], "name"), integer(a[1], "capacity"))));
        p.register("heartbeat", List.of(required("worker", INT8)), one("heartbeat", BOOL),
                (ctx, a) -> row(Leases.heartbeat(ctx, number(a[0], "worker"))));
        p.registerLongPoll("claim", List.of(required("worker", INT8), required("queue", TEXT), required("max_tasks", INT4),
                        optional("lease_seconds", INT4, 30), optional("wait_ms", INT4, 0)),
                List.of(ResultColumn.of("task_id", INT8), ResultColumn.of("payload", JSONB), ResultColumn.of("attempt", INT4),
                        ResultColumn.of("lease", INT8)),
                (ctx, a) -> Claiming.claim(ctx, number(a[0], "worker"), text(a[1], "queue"), integer(a[2], "max_tasks"),
                        integer(a[3], "lease_seconds"), integer(a[4], "wait_ms")),
                "wait_ms");

        p.register("complete", List.of(required("task_id", INT8), required("lease", INT8), optional("result", JSONB, null)),
                one("complete", BOOL),
                (ctx, a) -> row(Finishing.complete(ctx, number(a[0], "task_id"), number(a[1], "lease"), (String) a[2])));
        p.register("complete_many", List.of(required("task_ids", DataType.arrayOf(SqlType.INT8)),
                        required("leases", DataType.arrayOf(SqlType.INT8))),
                one("complete_many", INT4),
                (ctx, a) -> row(Finishing.completeMany(ctx, (SqlArray) a[0], (SqlArray) a[1])));
        p.register("fail", List.of(required("task_id", INT8), required("lease", INT8), required("error", TEXT)), one("fail", TEXT),
                (ctx, a) -> row(Finishing.fail(ctx, number(a[0], "task_id"), number(a[1], "lease"), (String) a[2])));
        p.register("cancel", List.of(required("task_id", INT8)), one("cancel", BOOL),
                (ctx, a) -> row(Finishing.cancel(ctx, number(a[0], "task_id"))));

        p.register("schedule", List.of(required("name", TEXT), required("queue", TEXT), required("cron", TEXT),
                        optional("payload", JSONB, null)), one("schedule", BOOL),
                (ctx, a) -> row(Cron.schedule(ctx, text(a[0], "name"), text(a[1], "queue"), text(a[2], "cron"), (String) a[3])));
        p.register("unschedule", List.of(required("name", TEXT)), one("unschedule", BOOL),
                (ctx, a) -> row(Cron.unschedule(ctx, text(a[0], "name"))));
    }

}
