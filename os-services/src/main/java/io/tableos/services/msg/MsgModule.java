package io.tableos.services.msg;

import static io.tableos.db.sql.exec.ProcedureParameter.optional;
import static io.tableos.db.sql.exec.ProcedureParameter.required;
import static io.tableos.services.msg.Topics.requireInt;
import static io.tableos.services.msg.Topics.requireLong;
import static io.tableos.services.msg.Topics.requireText;

import io.tableos.db.service.Migration;
import io.tableos.db.service.ServiceModule;
import io.tableos.db.service.ServiceProcedures;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;
import java.util.List;

/**
 * Topics with consumer groups, {@code msg}: partitioned append-only logs, groups that share a
 * topic's partitions among their live members and keep committed offsets, fetch as a long-poll
 * woken on commit. Every call is one procedure (one transaction on the leader's commit path, or
 * part of the client's transaction where the node runs procedures inside it). New optional
 * arguments go last.
 */
public final class MsgModule implements ServiceModule {
    private static final DataType INT4 = DataType.INT4;
    private static final DataType INT8 = DataType.INT8;
    private static final DataType TEXT = DataType.TEXT;
    private static final DataType JSONB = DataType.JSONB;
    private static final DataType BOOL = DataType.BOOL;
    private static final List<ResultColumn> PLACED = List.of(ResultColumn.of("partition_id", INT4), ResultColumn.of("msg_offset", INT8));

    @Override
    public String name() {
        return "msg";
    }

    @Override
    public List<Migration> migrations() {
        return MsgSchema.MIGRATIONS;
    }

    @Override
    public void registerProcedures(ServiceProcedures p) {
        p.register("create_topic", List.of(required("name", TEXT), optional("partitions", INT4, 1),
                        optional("retention_seconds", INT4, null), optional("retention_bytes", INT8, null)),
                one("create_topic", BOOL),
                (ctx, a) -> row(Topics.create(ctx, requireText(a[0], "name"), requireInt(a[1], "partitions"), (Integer) a[2],
                        a[3] == null ? null : ((Number) a[3]).longValue())));
        p.register("retain", List.of(required("topic", TEXT)), one("retain", INT8),
                (ctx, a) -> row(Retention.retainTopic(ctx, requireText(a[0], "topic"))));

        p.register("publish", List.of(required("topic", TEXT), required("key", TEXT), required("payload", JSONB),
                        optional("headers", JSONB, null)),
                PLACED,
                (ctx, a) -> Publishing.publish(ctx, requireText(a[0], "topic"),
                        new Publishing.Message((String) a[1], (String) a[2], (String) a[3])));
        p.register("publish_batch", List.of(required("topic", TEXT), required("keys", DataType.arrayOf(SqlType.TEXT)),
                        required("payloads", DataType.arrayOf(SqlType.JSONB)), optional("headers", DataType.arrayOf(SqlType.JSONB), null)),
                PLACED,
                (ctx, a) -> Publishing.publishBatch(ctx, requireText(a[0], "topic"), (SqlArray) a[1], (SqlArray) a[2], (SqlArray) a[3]));

        p.register("join_group", List.of(required("group_name", TEXT), required("topic", TEXT), optional("member_name", TEXT, null),
                        optional("session_timeout_ms", INT4, Membership.DEFAULT_SESSION_TIMEOUT_MILLIS)),
                List.of(ResultColumn.of("member", INT8), ResultColumn.of("generation", INT8)),
                (ctx, a) -> List.<Object[]>of(Membership.join(ctx, requireText(a[0], "group_name"), requireText(a[1], "topic"),
                        (String) a[2], requireInt(a[3], "session_timeout_ms"))));
        p.register("heartbeat", List.of(required("group_name", TEXT), required("member", INT8)), one("heartbeat", INT8),
                (ctx, a) -> row(Membership.heartbeat(ctx, requireText(a[0], "group_name"), requireLong(a[1], "member"))));
        p.register("leave_group", List.of(required("group_name", TEXT), required("member", INT8)), one("leave_group", BOOL),
                (ctx, a) -> row(Membership.leave(ctx, requireText(a[0], "group_name"), requireLong(a[1], "member"))));

        p.registerLongPoll("fetch", List.of(required("group_name", TEXT), required("member", INT8),
                        optional("max_messages", INT4, 100), optional("wait_ms", INT4, 0),
                        optional("max_bytes", INT8, Fetching.DEFAULT_FETCH_BYTES)),
                List.of(ResultColumn.of("partition_id", INT4), ResultColumn.of("msg_offset", INT8), ResultColumn.of("key", TEXT),
                        ResultColumn.of("payload", JSONB), ResultColumn.of("headers", JSONB),
                        ResultColumn.of("published_at", DataType.TIMESTAMPTZ), ResultColumn.of("generation", INT8)),
                (ctx, a) -> Fetching.fetch(ctx, requireText(a[0], "group_name"), requireLong(a[1], "member"),
                        requireInt(a[2], "max_messages"), requireInt(a[3], "wait_ms"), requireLong(a[4], "max_bytes")),
                "wait_ms");
        p.register("commit_offsets", List.of(required("group_name", TEXT), required("member", INT8), required("generation", INT8),
                        required("partitions", DataType.arrayOf(SqlType.INT4)), required("offsets", DataType.arrayOf(SqlType.INT8))),
                one("commit_offsets", INT4),
                (ctx, a) -> row(Offsets.commit(ctx, requireText(a[0], "group_name"), requireLong(a[1], "member"),
                        requireLong(a[2], "generation"), (SqlArray) a[3], (SqlArray) a[4])));
    }

    private static List<ResultColumn> one(String name, DataType type) {
        return List.of(ResultColumn.of(name, type));
    }

    private static List<Object[]> row(Object value) {
        return List.<Object[]>of(new Object[] {value});
    }
}
