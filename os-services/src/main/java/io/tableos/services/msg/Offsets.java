package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * commit_offsets: records, for each listed partition, the next offset the group will read.
 * Accepted only if the member still owns every listed partition under the generation it
 * passes (the one its fetch returned); otherwise nothing is written and the call fails with
 * 40001, so inside a client's transaction the consumer's own writes and publishes roll back
 * with the refused commit (a stale member cannot produce output twice). The check is a
 * conditional UPDATE of the very rows a rebalance rewrites.
 */
final class Offsets {
    static final int COMMIT_PARTITIONS_MAX = Topics.PARTITIONS_MAX;

    private Offsets() {}

    static int commit(ProcedureContext ctx, String group, long member, long generation, SqlArray partitions, SqlArray offsets) {
        if (partitions == null || offsets == null) throw Topics.invalid("partitions and offsets must not be null");
        Object[] ps = partitions.elements();
        Object[] os = offsets.elements();
        if (ps.length != os.length) throw Topics.invalid("partitions and offsets must have the same length");
        if (ps.length > COMMIT_PARTITIONS_MAX) throw Topics.invalid("at most " + COMMIT_PARTITIONS_MAX + " partitions per commit");
        Membership.Group g = Membership.requireMember(ctx, group, member);
        for (int i = 0; i < ps.length; i++) {
            int partition = Topics.requireInt(ps[i], "partition");
            long offset = Topics.requireLong(os[i], "offset");
            List<Object[]> bounds = ctx.query("SELECT next_offset FROM msg.partitions WHERE topic = $1 AND partition_id = $2",
                    g.topic(), partition);
            if (bounds.isEmpty()) throw Topics.invalid("topic \"" + g.topic() + "\" has no partition " + partition);
            long end = ((Number) bounds.get(0)[0]).longValue();
            if (offset < 0 || offset > end) throw Topics.invalid("offset " + offset + " is outside partition " + partition + " (0 to " + end + ")");
            long updated = ctx.update("UPDATE msg.assignments SET committed_offset = $5, committed_at = $6 WHERE group_name = $1"
                    + " AND partition_id = $2 AND member = $3 AND generation = $4", group, partition, member, generation, offset, ctx.now());
            if (updated == 0) throw fenced(group, member, generation, partition, g.generation());
        }
        return ps.length;
    }

    private static DbException fenced(String group, long member, long generation, int partition, long current) {
        return new DbException(SqlState.SERIALIZATION_FAILURE, "member " + member + " of consumer group \"" + group
                + "\" no longer owns partition " + partition + " at generation " + generation + " (the group is at " + current + ")",
                null, "the group rebalanced: fetch again and process from the committed offsets", 0, null);
    }
}
