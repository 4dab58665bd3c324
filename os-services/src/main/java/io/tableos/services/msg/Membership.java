package io.tableos.services.msg;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Consumer-group membership: join_group, heartbeat, leave_group, session expiry and rebalancing.
 *
 * <p>Invariant: after every call, each partition of a group with members is owned by exactly
 * one live member (partition p goes to the (p mod n)-th of the n members in id order), and
 * every change of the member set raises the group's generation and stamps it on all of the
 * group's assignment rows, so a commit carrying an older generation is refused
 * ({@link Offsets}). Member ids come from a sequence and are never reused: a member whose
 * session expired must join again and gets a new id.
 *
 * <p>Expiry is checked by every membership, fetch and commit call of the group once now
 * reaches the group's {@code next_expiry_at} hint; a long-polling fetch wakes at that time.
 */
final class Membership {
    static final int MEMBERS_MAX = 1_000;
    static final int SESSION_TIMEOUT_MILLIS_MIN = 100;
    static final int SESSION_TIMEOUT_MILLIS_MAX = 600_000;
    static final int DEFAULT_SESSION_TIMEOUT_MILLIS = 10_000;
    static final int GROUP_NAME_CHARS_MAX = 200;

    /** A group's row: its topic, generation and member-expiry hint. */
    record Group(String name, String topic, long generation, OffsetDateTime nextExpiryAt) {}

    private Membership() {}

    static Group require(ProcedureContext ctx, String group) {
        Group g = find(ctx, group);
        if (g == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "consumer group \"" + group + "\" does not exist");
        return g;
    }

    private static Group find(ProcedureContext ctx, String group) {
        List<Object[]> rows = ctx.query("SELECT topic, generation, next_expiry_at FROM msg.consumer_groups WHERE name = $1", group);
        if (rows.isEmpty()) return null;
        Object[] r = rows.get(0);
        return new Group(group, (String) r[0], ((Number) r[1]).longValue(), (OffsetDateTime) r[2]);
    }

    /** join_group: returns (member, generation); creates the group for the topic on its first join. */
    static Object[] join(ProcedureContext ctx, String group, String topic, String name, int sessionTimeoutMillis) {
        if (sessionTimeoutMillis < SESSION_TIMEOUT_MILLIS_MIN || sessionTimeoutMillis > SESSION_TIMEOUT_MILLIS_MAX) {
            throw Topics.invalid("session_timeout_ms must be " + SESSION_TIMEOUT_MILLIS_MIN + " to " + SESSION_TIMEOUT_MILLIS_MAX);
        }
        if (group.isEmpty() || group.length() > GROUP_NAME_CHARS_MAX) {
            throw Topics.invalid("group name must have 1 to " + GROUP_NAME_CHARS_MAX + " characters");
        }
        Object[] settings = Topics.require(ctx, topic);
        OffsetDateTime now = ctx.now();
        Group g = find(ctx, group);
        if (g == null) {
            ctx.update("INSERT INTO msg.consumer_groups (name, topic, generation, created_at) VALUES ($1, $2, 0, $3)", group, topic, now);
            for (int p = 0; p < ((Number) settings[0]).intValue(); p++) {
                ctx.update("INSERT INTO msg.assignments (group_name, partition_id, generation, committed_offset) VALUES ($1, $2, 0, 0)",
                        group, p);
            }
            g = new Group(group, topic, 0, null);
        } else if (!g.topic().equals(topic)) {
            throw Topics.invalid("consumer group \"" + group + "\" reads topic \"" + g.topic() + "\", not \"" + topic + "\"");
        }
        expire(ctx, g, now);
        long members = ((Number) ctx.query("SELECT count(*) FROM msg.members WHERE group_name = $1", group).get(0)[0]).longValue();
        if (members >= MEMBERS_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "consumer group \"" + group + "\" has " + MEMBERS_MAX + " members already");
        }
        long member = ((Number) ctx.query("SELECT nextval('msg.ids')").get(0)[0]).longValue();
        OffsetDateTime expiresAt = now.plusNanos(sessionTimeoutMillis * 1_000_000L);
        ctx.update("INSERT INTO msg.members (group_name, member, name, session_timeout_ms, joined_at, last_heartbeat_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5, $5, $6)", group, member, name, sessionTimeoutMillis, now, expiresAt);
        Group current = require(ctx, group);
        if (current.nextExpiryAt() == null || expiresAt.isBefore(current.nextExpiryAt())) {
            ctx.update("UPDATE msg.consumer_groups SET next_expiry_at = $2 WHERE name = $1", group, expiresAt);
        }
        return new Object[] {member, rebalance(ctx, group)};
    }

    /** heartbeat: extends the member's session; returns the group's generation. 42704 when the member is gone. */
    static long heartbeat(ProcedureContext ctx, String group, long member) {
        Group g = require(ctx, group);
        OffsetDateTime now = ctx.now();
        g = expire(ctx, g, now);
        List<Object[]> rows = ctx.query("SELECT session_timeout_ms FROM msg.members WHERE group_name = $1 AND member = $2", group, member);
        if (rows.isEmpty()) throw unknownMember(group, member);
        ctx.update("UPDATE msg.members SET last_heartbeat_at = $3, expires_at = $4 WHERE group_name = $1 AND member = $2",
                group, member, now, now.plusNanos(((Number) rows.get(0)[0]).longValue() * 1_000_000L));
        return g.generation();
    }

    /** leave_group: the member's partitions go to the others at once; false when it was not a member. */
    static boolean leave(ProcedureContext ctx, String group, long member) {
        Group g = require(ctx, group);
        expire(ctx, g, ctx.now());
        if (ctx.update("DELETE FROM msg.members WHERE group_name = $1 AND member = $2", group, member) == 0) return false;
        rebalance(ctx, group);
        return true;
    }

    /** Checks that the member belongs to the group (after expiring dead members); returns the group as it now is. */
    static Group requireMember(ProcedureContext ctx, String group, long member) {
        Group g = expire(ctx, require(ctx, group), ctx.now());
        if (ctx.query("SELECT member FROM msg.members WHERE group_name = $1 AND member = $2", group, member).isEmpty()) {
            throw unknownMember(group, member);
        }
        return g;
    }

    /**
     * Drops members whose session expired, once now reaches the group's hint, and rebalances if any
     * went. Returns the group as it now is.
     */
    static Group expire(ProcedureContext ctx, Group g, OffsetDateTime now) {
        if (g.nextExpiryAt() == null || now.isBefore(g.nextExpiryAt())) return g;
        long dropped = ctx.update("DELETE FROM msg.members WHERE group_name = $1 AND expires_at <= $2", g.name(), now);
        List<Object[]> next = ctx.query("SELECT expires_at FROM msg.members WHERE group_name = $1 ORDER BY expires_at LIMIT 1", g.name());
        ctx.update("UPDATE msg.consumer_groups SET next_expiry_at = $2 WHERE name = $1", g.name(), next.isEmpty() ? null : next.get(0)[0]);
        if (dropped > 0) rebalance(ctx, g.name());
        return require(ctx, g.name());
    }

    /** Deals the group's partitions round-robin over its members in id order under a new generation; returns it. */
    private static long rebalance(ProcedureContext ctx, String group) {
        long generation = ((Number) ctx.query("SELECT generation FROM msg.consumer_groups WHERE name = $1", group).get(0)[0]).longValue() + 1;
        ctx.update("UPDATE msg.consumer_groups SET generation = $2 WHERE name = $1", group, generation);
        List<Object[]> members = ctx.query("SELECT member FROM msg.members WHERE group_name = $1 ORDER BY member", group);
        for (Object[] a : ctx.query("SELECT partition_id FROM msg.assignments WHERE group_name = $1 ORDER BY partition_id", group)) {
            int p = ((Number) a[0]).intValue();
            Object owner = members.isEmpty() ? null : members.get(p % members.size())[0];
            ctx.update("UPDATE msg.assignments SET member = $3, generation = $4 WHERE group_name = $1 AND partition_id = $2",
                    group, p, owner, generation);
        }
        return generation;
    }

    static DbException unknownMember(String group, long member) {
        return new DbException(SqlState.UNDEFINED_OBJECT, "member " + member + " is not in consumer group \"" + group + "\"",
                null, "its session may have expired: join again", 0, null);
    }
}
