package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * create_topic and the topic lookups every other procedure starts with. A topic's partition
 * count is fixed at creation (keys hash to partitions, so changing it would move keys);
 * creating an existing topic again changes only its retention.
 */
final class Topics {
    static final int TOPIC_NAME_CHARS_MAX = 200;
    static final int PARTITIONS_MAX = 1_024;

    private Topics() {}

    /** The topic's settings (partitions, retention_seconds, retention_bytes), or a 42704 error. */
    static Object[] require(ProcedureContext ctx, String topic) {
        List<Object[]> rows = ctx.query("SELECT partitions, retention_seconds, retention_bytes FROM msg.topic_settings"
                + " WHERE name = $1", topic);
        if (rows.isEmpty()) throw new DbException(SqlState.UNDEFINED_OBJECT, "topic \"" + topic + "\" does not exist");
        return rows.get(0);
    }

    static boolean create(ProcedureContext ctx, String topic, int partitions, Integer retentionSeconds, Long retentionBytes) {
        if (topic.isEmpty() || topic.length() > TOPIC_NAME_CHARS_MAX) {
            throw invalid("topic name must have 1 to " + TOPIC_NAME_CHARS_MAX + " characters");
        }
        if (partitions < 1 || partitions > PARTITIONS_MAX) throw invalid("partitions must be 1 to " + PARTITIONS_MAX);
        if (retentionSeconds != null && retentionSeconds < 1) throw invalid("retention_seconds must be positive");
        if (retentionBytes != null && retentionBytes < 1) throw invalid("retention_bytes must be positive");
        List<Object[]> existing = ctx.query("SELECT partitions FROM msg.topic_settings WHERE name = $1", topic);
        if (!existing.isEmpty()) {
            int had = ((Number) existing.get(0)[0]).intValue();
            if (had != partitions) {
                throw new DbException(SqlState.DUPLICATE_OBJECT, "topic \"" + topic + "\" exists with " + had + " partitions;"
                        + " a topic's partition count cannot change");
            }
            ctx.update("UPDATE msg.topic_settings SET retention_seconds = $2, retention_bytes = $3 WHERE name = $1",
                    topic, retentionSeconds, retentionBytes);
            return false;
        }
        OffsetDateTime now = ctx.now();
        ctx.update("INSERT INTO msg.topic_settings (name, partitions, retention_seconds, retention_bytes, created_at)"
                + " VALUES ($1, $2, $3, $4, $5)", topic, partitions, retentionSeconds, retentionBytes, now);
        for (int p = 0; p < partitions; p++) {
            ctx.update("INSERT INTO msg.partitions (topic, partition_id, first_offset, next_offset, bytes)"
                    + " VALUES ($1, $2, 0, 0, 0)", topic, p);
        }
        return true;
    }

    static DbException invalid(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    static String requireText(Object value, String name) {
        if (value == null) throw invalid(name + " must not be null");
        return (String) value;
    }

    static int requireInt(Object value, String name) {
        if (value == null) throw invalid(name + " must not be null");
        return ((Number) value).intValue();
    }

    static long requireLong(Object value, String name) {
        if (value == null) throw invalid(name + " must not be null");
        return ((Number) value).longValue();
    }
}
