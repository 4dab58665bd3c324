package io.tableos.services.pgmq;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * delete and archive, of one message (true when it existed) or of an array of ids (the ids that
 * existed, in the array's order, each once). The queue is looked up only when nothing was found,
 * to tell "no such message" (false) from "no such queue" (42P01): the common case costs no read
 * of pgmq.meta.
 */
final class Acknowledging {
    /** Ids one delete or archive call may name. */
    static final int IDS_MAX = 10_000;

    private Acknowledging() {}

    static boolean delete(ProcedureContext ctx, String queue, long msgId) {
        boolean found = ctx.update("DELETE FROM pgmq.messages WHERE queue_name = $1 AND msg_id = $2", queue, msgId) > 0;
        if (!found) Queues.require(ctx, queue);
        return found;
    }

    static List<Object[]> delete(ProcedureContext ctx, String queue, SqlArray msgIds) {
        List<Object[]> out = new ArrayList<>();
        for (long id : ids(msgIds)) if (ctx.update("DELETE FROM pgmq.messages WHERE queue_name = $1 AND msg_id = $2", queue, id) > 0) {
            out.add(new Object[] {id});
        }
        if (out.isEmpty()) Queues.require(ctx, queue);
        return out;
    }

    static boolean archive(ProcedureContext ctx, String queue, long msgId) {
        boolean found = archiveOne(ctx, queue, msgId);
        if (!found) Queues.require(ctx, queue);
        return found;
    }

    static List<Object[]> archive(ProcedureContext ctx, String queue, SqlArray msgIds) {
        List<Object[]> out = new ArrayList<>();
        for (long id : ids(msgIds)) if (archiveOne(ctx, queue, id)) out.add(new Object[] {id});
        if (out.isEmpty()) Queues.require(ctx, queue);
        return out;
    }

    private static boolean archiveOne(ProcedureContext ctx, String queue, long msgId) {
        List<Object[]> rows = ctx.query("DELETE FROM pgmq.messages WHERE queue_name = $1 AND msg_id = $2"
                + " RETURNING read_ct, enqueued_at, vt, message, headers", queue, msgId);
        if (rows.isEmpty()) return false;
        Object[] r = rows.get(0);
        ctx.update("INSERT INTO pgmq.archived (queue_name, msg_id, read_ct, enqueued_at, archived_at, vt, message, headers)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)", queue, msgId, r[0], r[1], ctx.now(), r[2], r[3], r[4]);
        return true;
    }

    private static Set<Long> ids(SqlArray msgIds) {
        Set<Long> ids = new LinkedHashSet<>();
        if (msgIds == null) return ids;
        if (msgIds.elements().length > IDS_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "at most " + IDS_MAX + " message ids per call");
        }
        for (Object o : msgIds.elements()) if (o != null) ids.add(((Number) o).longValue());
        return ids;
    }
}
