package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import java.util.ArrayList;
import java.util.List;

/**
 * fetch: the messages of the member's partitions from each partition's committed offset (or
 * the partition's first retained offset, if retention passed it), oldest first, at most
 * max_messages and about max_bytes (always at least one message, so a message larger than
 * max_bytes still arrives). The committed offset is the only read position: fetching again
 * without committing returns the same messages, which is what makes a consumer that commits
 * its offsets in its own transaction exactly-once (a rolled-back transaction simply fetches
 * again). The partitions share max_messages evenly, so one busy partition does not starve the
 * others. Finding nothing with wait_ms > 0, it waits for a commit to msg.messages or to the
 * group row (a rebalance) or for the group's next member expiry.
 */
final class Fetching {
    static final int FETCH_MESSAGES_MAX = 10_000;
    static final long FETCH_BYTES_MAX = 64L * 1024 * 1024;
    static final long DEFAULT_FETCH_BYTES = 16L * 1024 * 1024;

    private Fetching() {}

    static List<Object[]> fetch(ProcedureContext ctx, String group, long member, int maxMessages, int waitMillis, long maxBytes) {
        if (maxMessages < 1 || maxMessages > FETCH_MESSAGES_MAX) throw Topics.invalid("max_messages must be 1 to " + FETCH_MESSAGES_MAX);
        if (maxBytes < 1 || maxBytes > FETCH_BYTES_MAX) throw Topics.invalid("max_bytes must be 1 to " + FETCH_BYTES_MAX);
        if (waitMillis < 0) throw Topics.invalid("wait_ms must not be negative");
        Membership.Group g = Membership.requireMember(ctx, group, member);
        List<Object[]> owned = ctx.query("SELECT a.partition_id, a.committed_offset, a.generation, p.first_offset, p.next_offset"
                + " FROM msg.assignments a JOIN msg.partitions p ON p.topic = $3 AND p.partition_id = a.partition_id"
                + " WHERE a.group_name = $1 AND a.member = $2 ORDER BY a.partition_id", group, member, g.topic());
        List<Object[]> out = new ArrayList<>();
        long bytes = 0;
        int pending = 0;
        for (Object[] a : owned) if (((Number) a[4]).longValue() > Math.max(((Number) a[1]).longValue(), ((Number) a[3]).longValue())) pending++;
        for (Object[] a : owned) {
            long from = Math.max(((Number) a[1]).longValue(), ((Number) a[3]).longValue());
            if (((Number) a[4]).longValue() <= from) continue;
            int share = Math.max(1, (maxMessages - out.size() + pending - 1) / pending);
            pending--;
            for (Object[] m : ctx.query("SELECT msg_offset, key, payload, headers, published_at, size_bytes FROM msg.messages"
                    + " WHERE topic = $1 AND partition_id = $2 AND msg_offset >= $3 ORDER BY msg_offset LIMIT $4",
                    g.topic(), a[0], from, share)) {
                long size = ((Number) m[5]).longValue();
                if (!out.isEmpty() && bytes + size > maxBytes) return out;
                bytes += size;
                out.add(new Object[] {a[0], m[0], m[1], m[2], m[3], m[4], a[2]});
                if (out.size() >= maxMessages) return out;
            }
        }
        if (!out.isEmpty() || waitMillis == 0) return out;
        return ctx.waitForCommit(MsgSchema.WATCHED_BY_FETCH, g.nextExpiryAt());
    }
}
