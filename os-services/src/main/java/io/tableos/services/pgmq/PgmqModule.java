package io.tableos.services.pgmq;

import static io.tableos.db.sql.exec.ProcedureParameter.optional;
import static io.tableos.db.sql.exec.ProcedureParameter.required;
import static io.tableos.services.ProcedureValues.integer;
import static io.tableos.services.ProcedureValues.number;
import static io.tableos.services.ProcedureValues.one;
import static io.tableos.services.ProcedureValues.row;

import io.tableos.db.service.Migration;
import io.tableos.db.service.ServiceModule;
import io.tableos.db.service.ServiceProcedures;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.exec.RelationFamily;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pgmq's SQL API: names, argument names and order, overloads and result columns follow pgmq
 * (issue 15 makes them a contract; where pgmq has grown past the list, as with message
 * headers and read's {@code conditional}, this follows pgmq). Beyond pgmq: read_with_poll wakes
 * on commit (poll_interval_ms is accepted and unused), set_dead_letter_queue, and read_grouped's
 * one-in-flight-per-group order.
 */
public final class PgmqModule implements ServiceModule {
    private static final DataType INT4 = DataType.INT4;
    private static final DataType INT8 = DataType.INT8;
    private static final DataType TEXT = DataType.TEXT;
    private static final DataType JSONB = DataType.JSONB;
    private static final DataType BOOL = DataType.BOOL;
    private static final DataType INT8_ARRAY = DataType.arrayOf(SqlType.INT8);
    private static final DataType JSONB_ARRAY = DataType.arrayOf(SqlType.JSONB);
    /** pgmq.message_record. */
    static final List<ResultColumn> MESSAGE_RECORD = List.of(ResultColumn.of("msg_id", INT8), ResultColumn.of("read_ct", INT4),
            ResultColumn.of("enqueued_at", DataType.TIMESTAMPTZ), ResultColumn.of("vt", DataType.TIMESTAMPTZ),
            ResultColumn.of("message", JSONB), ResultColumn.of("headers", JSONB));
    /** The columns of pgmq's archive table a_<name>. */
    static final List<ResultColumn> ARCHIVE_RECORD = List.of(ResultColumn.of("msg_id", INT8), ResultColumn.of("read_ct", INT4),
            ResultColumn.of("enqueued_at", DataType.TIMESTAMPTZ), ResultColumn.of("archived_at", DataType.TIMESTAMPTZ),
            ResultColumn.of("vt", DataType.TIMESTAMPTZ), ResultColumn.of("message", JSONB), ResultColumn.of("headers", JSONB));
    private static final ProcedureParameter QUEUE = required("queue_name", TEXT);

    @Override
    public String name() {
        return "pgmq";
    }

    @Override
    public List<Migration> migrations() {
        return PgmqSchema.MIGRATIONS;
    }

    @Override
    public void registerProcedures(ServiceProcedures p) {
        registerQueues(p);
        registerSends(p);
        registerReads(p);
        registerAcknowledgements(p);
        p.registerRelationFamily("q_", "SELECT msg_id, read_ct, enqueued_at, vt, message, headers FROM pgmq.messages"
                + " WHERE queue_name = " + RelationFamily.KEY + " ORDER BY msg_id", MESSAGE_RECORD);
        p.registerRelationFamily("a_", "SELECT msg_id, read_ct, enqueued_at, archived_at, vt, message, headers FROM pgmq.archived"
                + " WHERE queue_name = " + RelationFamily.KEY + " ORDER BY msg_id", ARCHIVE_RECORD);
    }

    private static void registerQueues(ServiceProcedures p) {
        p.register("create", List.of(QUEUE), one("create", DataType.of(SqlType.VOID)),
                (ctx, a) -> none(() -> Queues.create(ctx, Queues.name(a[0]), false)));
        p.register("create_unlogged", List.of(QUEUE), one("create_unlogged", DataType.of(SqlType.VOID)),
                (ctx, a) -> none(() -> Queues.create(ctx, Queues.name(a[0]), true)));
        p.register("drop_queue", List.of(QUEUE), one("drop_queue", BOOL), (ctx, a) -> row(Queues.drop(ctx, Queues.name(a[0]))));
        p.register("purge_queue", List.of(QUEUE), one("purge_queue", INT8), (ctx, a) -> row(Queues.purge(ctx, Queues.name(a[0]))));
        p.register("list_queues", List.of(), List.of(ResultColumn.of("queue_name", TEXT), ResultColumn.of("is_partitioned", BOOL),
                ResultColumn.of("is_unlogged", BOOL), ResultColumn.of("created_at", DataType.TIMESTAMPTZ)),
                (ctx, a) -> Queues.list(ctx));
        p.register("metrics", List.of(QUEUE), List.of(ResultColumn.of("queue_name", TEXT), ResultColumn.of("queue_length", INT8),
                ResultColumn.of("newest_msg_age_sec", INT4), ResultColumn.of("oldest_msg_age_sec", INT4),
                ResultColumn.of("total_messages", INT8), ResultColumn.of("scrape_time", DataType.TIMESTAMPTZ),
                ResultColumn.of("queue_visible_length", INT8)),
                (ctx, a) -> List.<Object[]>of(Queues.metrics(ctx, Queues.name(a[0]))));
        p.register("set_dead_letter_queue", List.of(QUEUE, required("dead_letter_queue", TEXT), optional("max_read_ct", INT4, 5)),
                one("set_dead_letter_queue", DataType.of(SqlType.VOID)),
                (ctx, a) -> none(() -> Queues.setDeadLetterQueue(ctx, Queues.name(a[0]), a[1] == null ? null : Queues.name(a[1]),
                        (Integer) a[2])));
    }

    private static void registerSends(ServiceProcedures p) {
        p.register("send", List.of(QUEUE, required("msg", JSONB), optional("delay", INT4, 0)), one("send", INT8),
                (ctx, a) -> Sending.send(ctx, Queues.name(a[0]), (String) a[1], null, integer(a[2], "delay")));
        p.register("send", List.of(QUEUE, required("msg", JSONB), required("headers", JSONB), optional("delay", INT4, 0)),
                one("send", INT8),
                (ctx, a) -> Sending.send(ctx, Queues.name(a[0]), (String) a[1], (String) a[2], integer(a[3], "delay")));
        p.register("send_batch", List.of(QUEUE, required("msgs", JSONB_ARRAY), optional("delay", INT4, 0)), one("send_batch", INT8),
                (ctx, a) -> Sending.sendBatch(ctx, Queues.name(a[0]), (SqlArray) a[1], null, integer(a[2], "delay")));
        p.register("send_batch", List.of(QUEUE, required("msgs", JSONB_ARRAY), required("headers", JSONB_ARRAY),
                        optional("delay", INT4, 0)), one("send_batch", INT8),
                (ctx, a) -> Sending.sendBatch(ctx, Queues.name(a[0]), (SqlArray) a[1], (SqlArray) a[2], integer(a[3], "delay")));
    }

    private static void registerReads(ServiceProcedures p) {
        p.register("read", List.of(QUEUE, required("vt", INT4), required("qty", INT4), optional("conditional", JSONB, "{}")),
                MESSAGE_RECORD, (ctx, a) -> Reading.read(ctx, request(a, false)));
        p.register("read_grouped", List.of(QUEUE, required("vt", INT4), required("qty", INT4)),
                MESSAGE_RECORD, (ctx, a) -> Reading.read(ctx, new Reading.Request(Queues.name(a[0]), integer(a[1], "vt"),
                        integer(a[2], "qty"), null, true)));
        p.registerLongPoll("read_with_poll", List.of(QUEUE, required("vt", INT4), required("qty", INT4),
                        optional("max_poll_seconds", INT4, 5), optional("poll_interval_ms", INT4, 100),
                        optional("conditional", JSONB, "{}")),
                MESSAGE_RECORD, (ctx, a) -> Reading.readWithPoll(ctx, new Reading.Request(Queues.name(a[0]), integer(a[1], "vt"),
                        integer(a[2], "qty"), (String) a[5], false), integer(a[3], "max_poll_seconds")),
                "max_poll_seconds", TimeUnit.SECONDS);
        p.register("pop", List.of(QUEUE, optional("qty", INT4, 1)), MESSAGE_RECORD,
                (ctx, a) -> Reading.pop(ctx, Queues.name(a[0]), integer(a[1], "qty")));
        p.register("set_vt", List.of(QUEUE, required("msg_id", INT8), required("vt", INT4)), MESSAGE_RECORD,
                (ctx, a) -> Reading.setVt(ctx, Queues.name(a[0]), number(a[1], "msg_id"), integer(a[2], "vt")));
    }

    private static void registerAcknowledgements(ServiceProcedures p) {
        p.register("delete", List.of(QUEUE, required("msg_id", INT8)), one("delete", BOOL),
                (ctx, a) -> row(Acknowledging.delete(ctx, Queues.name(a[0]), number(a[1], "msg_id"))));
        p.register("delete", List.of(QUEUE, required("msg_ids", INT8_ARRAY)), one("delete", INT8),
                (ctx, a) -> Acknowledging.delete(ctx, Queues.name(a[0]), (SqlArray) a[1]));
        p.register("archive", List.of(QUEUE, required("msg_id", INT8)), one("archive", BOOL),
                (ctx, a) -> row(Acknowledging.archive(ctx, Queues.name(a[0]), number(a[1], "msg_id"))));
        p.register("archive", List.of(QUEUE, required("msg_ids", INT8_ARRAY)), one("archive", INT8),
                (ctx, a) -> Acknowledging.archive(ctx, Queues.name(a[0]), (SqlArray) a[1]));
    }

    private static Reading.Request request(Object[] a, boolean grouped) {
        return new Reading.Request(Queues.name(a[0]), integer(a[1], "vt"), integer(a[2], "qty"), (String) a[3], grouped);
    }

    /** A void function's one row, as PostgreSQL returns for {@code SELECT * FROM f()}. */
    private static List<Object[]> none(Runnable action) {
        action.run();
        return row(null);
    }
}
