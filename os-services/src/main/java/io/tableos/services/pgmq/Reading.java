package io.tableos.services.pgmq;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * read, read_with_poll, read_grouped and pop. A read takes up to qty visible messages (vt not
 * after now) in msg_id order, makes each invisible for vt seconds and counts the read; a
 * message that is not deleted or archived is visible again when its vt passes. With a
 * dead-letter queue set, a visible message already read max_read_ct times is moved there (a new
 * message, read_ct 0, same body and headers) instead of being returned. read_grouped returns at
 * most one message per FIFO group, and only the group's head (its oldest message still queued),
 * so a group's messages are handed out in order, one in flight at a time; messages without a
 * group header form one default group, as in pgmq. Finding nothing with a poll time left,
 * read_with_poll waits for a commit to pgmq.messages or the queue's next visibility time.
 */
final class Reading {
    /** Messages one read may return. */
    static final int READ_MESSAGES_MAX = 10_000;
    /** Messages one read may move to the dead-letter queue; more move on later reads. */
    static final int DEAD_LETTER_MOVES_PER_CALL_MAX = 1_000;
    /**
     * A read or pop stops taking messages once their bodies reach this many characters (it returns
     * fewer than qty): the result is buffered whole, and each message read is rewritten in the
     * call's write set, which must stay under the node's transaction size (64 MiB) even when the
     * last message taken is of the largest size ({@link Sending#MESSAGE_BYTES_MAX}).
     */
    static final int READ_CHARS_MAX = 16 << 20;
    /** Visible messages one read_grouped looks at for group heads. */
    static final int GROUPED_SCAN_MAX = 10_000;
    private static final List<String> WATCHED = List.of(PgmqSchema.MESSAGES);
    private static final String RECORD = "msg_id, read_ct, enqueued_at, vt, message, headers";

    private Reading() {}

    record Request(String queue, int vtSeconds, int qty, String conditional, boolean grouped) {}

    static List<Object[]> read(ProcedureContext ctx, Request r) {
        Queues.Queue queue = Queues.require(ctx, r.queue());
        Sending.checkSeconds(r.vtSeconds(), "vt");
        checkQty(r.qty());
        OffsetDateTime now = ctx.now();
        boolean filtered = r.conditional() != null && !r.conditional().equals("{}");
        int scan = r.grouped() ? GROUPED_SCAN_MAX : r.qty() + (queue.deadLetterQueue() == null ? 0 : DEAD_LETTER_MOVES_PER_CALL_MAX);
        List<Object[]> candidates = filtered
                ? ctx.query("SELECT msg_id, read_ct, fifo_group FROM pgmq.messages WHERE queue_name = $1 AND vt <= $2"
                        + " AND message @> $4::jsonb ORDER BY msg_id LIMIT $3", r.queue(), now, scan, r.conditional())
                : ctx.query("SELECT msg_id, read_ct, fifo_group FROM pgmq.messages WHERE queue_name = $1 AND vt <= $2"
                        + " ORDER BY msg_id LIMIT $3", r.queue(), now, scan);
        OffsetDateTime until = now.plusSeconds(r.vtSeconds());
        List<Object[]> out = new ArrayList<>(Math.min(r.qty(), candidates.size()));
        Set<String> groupsTaken = r.grouped() ? new HashSet<>() : null;
        int moves = 0;
        long chars = 0;
        for (Object[] c : candidates) {
            if (out.size() == r.qty() || chars >= READ_CHARS_MAX) break;
            long id = ((Number) c[0]).longValue();
            if (queue.deadLetterQueue() != null && ((Number) c[1]).intValue() >= queue.maxReadCount()) {
                if (moves++ < DEAD_LETTER_MOVES_PER_CALL_MAX) DeadLetters.move(ctx, queue, id);
                continue;
            }
            if (groupsTaken != null && !isGroupHead(ctx, r.queue(), (String) c[2], id, groupsTaken)) continue;
            // Empty only inside a client's transaction block, when another session took the message meanwhile.
            List<Object[]> taken = ctx.query("UPDATE pgmq.messages SET vt = $3, read_ct = read_ct + 1 WHERE queue_name = $1"
                    + " AND msg_id = $2 AND vt <= $4 RETURNING " + RECORD, r.queue(), id, until, now);
            out.addAll(taken);
            chars += bodyChars(taken);
        }
        return out;
    }

    /** read_with_poll: as read; with nothing visible, asks to be called again on a commit or at the next vt. */
    static List<Object[]> readWithPoll(ProcedureContext ctx, Request r, int maxPollSeconds) {
        List<Object[]> rows = read(ctx, r);
        if (!rows.isEmpty() || maxPollSeconds <= 0) return rows;
        Object next = ctx.query("SELECT min(vt) FROM pgmq.messages WHERE queue_name = $1", r.queue()).get(0)[0];
        return ctx.waitForCommit(WATCHED, (OffsetDateTime) next);
    }

    /** pop: up to qty visible messages, deleted as they are returned (read_ct as stored). */
    static List<Object[]> pop(ProcedureContext ctx, String queue, int qty) {
        Queues.require(ctx, queue);
        checkQty(qty);
        List<Object[]> out = new ArrayList<>();
        long chars = 0;
        for (Object[] c : ctx.query("SELECT msg_id FROM pgmq.messages WHERE queue_name = $1 AND vt <= $2 ORDER BY msg_id LIMIT $3",
                queue, ctx.now(), qty)) {
            if (chars >= READ_CHARS_MAX) break;
            List<Object[]> taken = ctx.query("DELETE FROM pgmq.messages WHERE queue_name = $1 AND msg_id = $2 RETURNING " + RECORD,
                    queue, c[0]);
            out.addAll(taken);
            chars += bodyChars(taken);
        }
        return out;
    }

    /** set_vt: the message's record with its new visibility time; no row when the message does not exist. */
    static List<Object[]> setVt(ProcedureContext ctx, String queue, long msgId, int vtSeconds) {
        Sending.checkSeconds(vtSeconds, "vt");
        List<Object[]> rows = ctx.query("UPDATE pgmq.messages SET vt = $3 WHERE queue_name = $1 AND msg_id = $2 RETURNING " + RECORD,
                queue, msgId, ctx.now().plusSeconds(vtSeconds));
        if (rows.isEmpty()) Queues.require(ctx, queue);
        return rows;
    }

    private static boolean isGroupHead(ProcedureContext ctx, String queue, String group, long id, Set<String> taken) {
        String key = group == null ? "" : "g:" + group;  // "" is the default group; a named group is never ""
        if (taken.contains(key)) return false;
        List<Object[]> head = group == null
                ? ctx.query("SELECT msg_id FROM pgmq.messages WHERE queue_name = $1 AND fifo_group IS NULL ORDER BY msg_id LIMIT 1", queue)
                : ctx.query("SELECT msg_id FROM pgmq.messages WHERE queue_name = $1 AND fifo_group = $2 ORDER BY msg_id LIMIT 1",
                        queue, group);
        taken.add(key);  // its head is this message or an earlier one: either way nothing more of it this call
        return ((Number) head.get(0)[0]).longValue() == id;
    }

    /** Characters of the taken messages' bodies and headers. */
    private static long bodyChars(List<Object[]> taken) {
        long chars = 0;
        for (Object[] m : taken) chars += (m[4] == null ? 0 : m[4].toString().length()) + (m[5] == null ? 0 : m[5].toString().length());
        return chars;
    }

    private static void checkQty(int qty) {
        if (qty < 1 || qty > READ_MESSAGES_MAX) throw Queues.invalid("qty must be 1 to " + READ_MESSAGES_MAX);
    }
}
