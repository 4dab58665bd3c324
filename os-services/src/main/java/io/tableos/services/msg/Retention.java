package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Retention by age and size, run by publish on the partition it appends to (so a partition
 * that grows is trimmed as it grows, at no cost when nothing is due: the partition row says
 * how old its oldest message is and how many bytes it holds) and by {@code msg.retain(topic)}
 * for topics nobody publishes to. Messages leave from the head only, so offsets stay dense
 * between first_offset and next_offset. At most {@link #DELETES_PER_CALL_MAX} messages go per
 * partition and call; the rest go on the next.
 */
final class Retention {
    static final int DELETES_PER_CALL_MAX = 1_000;

    private Retention() {}

    /** Trims every partition of the topic; returns the messages deleted. */
    static long retainTopic(ProcedureContext ctx, String topic) {
        Object[] settings = Topics.require(ctx, topic);
        long deleted = 0;
        for (int p = 0; p < ((Number) settings[0]).intValue(); p++) deleted += retain(ctx, topic, p, settings);
        return deleted;
    }

    /** Trims one partition by the topic's settings (partitions, retention_seconds, retention_bytes). */
    static int retain(ProcedureContext ctx, String topic, int partition, Object[] settings) {
        if (settings[1] == null && settings[2] == null) return 0;
        Object[] bounds = ctx.query("SELECT first_offset, next_offset, bytes, oldest_at FROM msg.partitions"
                + " WHERE topic = $1 AND partition_id = $2", topic, partition).get(0);
        long bytes = ((Number) bounds[2]).longValue();
        OffsetDateTime oldest = (OffsetDateTime) bounds[3];
        OffsetDateTime cutoff = settings[1] == null ? null : ctx.now().minusSeconds(((Number) settings[1]).intValue());
        long bytesMax = settings[2] == null ? Long.MAX_VALUE : ((Number) settings[2]).longValue();
        boolean aged = cutoff != null && oldest != null && oldest.isBefore(cutoff);
        if (!aged && bytes <= bytesMax) return 0;

        long first = ((Number) bounds[0]).longValue();
        int deleted = 0;
        for (Object[] m : ctx.query("SELECT msg_offset, size_bytes, published_at FROM msg.messages WHERE topic = $1"
                + " AND partition_id = $2 AND msg_offset >= $3 ORDER BY msg_offset LIMIT " + DELETES_PER_CALL_MAX,
                topic, partition, first)) {
            boolean old = cutoff != null && ((OffsetDateTime) m[2]).isBefore(cutoff);
            if (!old && bytes <= bytesMax) break;
            ctx.update("DELETE FROM msg.messages WHERE topic = $1 AND partition_id = $2 AND msg_offset = $3", topic, partition, m[0]);
            bytes -= ((Number) m[1]).intValue();
            first = ((Number) m[0]).longValue() + 1;
            deleted++;
        }
        List<Object[]> head = ctx.query("SELECT published_at FROM msg.messages WHERE topic = $1 AND partition_id = $2"
                + " AND msg_offset = $3", topic, partition, first);
        ctx.update("UPDATE msg.partitions SET first_offset = $3, bytes = $4, oldest_at = $5 WHERE topic = $1 AND partition_id = $2",
                topic, partition, first, bytes, head.isEmpty() ? null : head.get(0)[0]);
        return deleted;
    }
}
