package io.tableos.services.pgmq;

import io.tableos.db.sql.exec.ProcedureContext;
import java.util.List;

/**
 * Moving a message that was read too often to its queue's dead-letter queue: it leaves the
 * queue and arrives in the dead-letter queue as a new message (the next id there, read_ct 0,
 * visible at once) with its body and headers, plus the header {@value #SOURCE_HEADER} naming
 * where it came from and {@value #ID_HEADER} its id there. Both happen in the reading call's
 * transaction, so a message is never in both queues nor in neither.
 */
final class DeadLetters {
    static final String SOURCE_HEADER = "x-pgmq-dead-letter-from";
    static final String ID_HEADER = "x-pgmq-dead-letter-msg-id";

    private DeadLetters() {}

    static void move(ProcedureContext ctx, Queues.Queue queue, long msgId) {
        List<Object[]> rows = ctx.query("DELETE FROM pgmq.messages WHERE queue_name = $1 AND msg_id = $2 RETURNING message, headers",
                queue.name(), msgId);
        if (rows.isEmpty()) return;  // another session's transaction took it meanwhile
        String message = (String) rows.get(0)[0];
        String headers = (String) ctx.query("SELECT coalesce($1::jsonb, '{}'::jsonb) || jsonb_build_object('" + SOURCE_HEADER
                + "', $2::text, '" + ID_HEADER + "', $3::bigint)", rows.get(0)[1], queue.name(), msgId).get(0)[0];
        Sending.send(ctx, queue.deadLetterQueue(), message, headers, 0);
    }
}
