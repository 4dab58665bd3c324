package io.tableos.services.msg;

import io.tableos.db.service.Migration;
import java.util.List;

/**
 * The topic service's tables and its two contract views.
 *
 * <p>A topic has a fixed number of partitions; {@code msg.partitions} holds each partition's
 * log bounds: messages hold the dense offsets {@code first_offset .. next_offset - 1} (retention
 * raises first_offset; publish takes next_offset), with their total {@code bytes} and the
 * publication time of the oldest ({@code oldest_at}, null when empty), so retention reads no
 * message to know whether it has work.
 *
 * <p>A consumer group reads one topic. {@code msg.assignments} has one row per partition of
 * the group's topic: its owner (a live member, or null while the group has no members), the
 * group generation at which that ownership was last handed out, and the committed offset (the
 * next offset to consume). A rebalance writes every row of the group, and a commit writes the
 * rows it commits only where owner and generation still match, so a stale member's commit and
 * a rebalance meet on the same rows (row locks inside a client's transaction).
 * {@code msg.consumer_groups.next_expiry_at} is a lower bound of its members' earliest session
 * expiry (as sched's queue hints): member expiry is scanned for only once now reaches it.
 *
 * <p>Fetch and retention read a partition's log as a range of the messages primary key, which
 * is ordered (no second index); a group's members (at most {@code Membership.MEMBERS_MAX}) are
 * scanned by the members key prefix, so a heartbeat writes one row and no index entry.
 */
final class MsgSchema {
    private MsgSchema() {}

    static final List<String> WATCHED_BY_FETCH = List.of("msg.messages", "msg.consumer_groups");

    static final List<Migration> MIGRATIONS = List.of(Migration.of(1,
            "CREATE SCHEMA IF NOT EXISTS msg",
            "CREATE SEQUENCE IF NOT EXISTS msg.ids",
            "CREATE TABLE IF NOT EXISTS msg.topic_settings (name text PRIMARY KEY, partitions int NOT NULL,"
                    + " retention_seconds int, retention_bytes bigint, created_at timestamptz NOT NULL)",
            "CREATE TABLE IF NOT EXISTS msg.partitions (topic text, partition_id int, first_offset bigint NOT NULL,"
                    + " next_offset bigint NOT NULL, bytes bigint NOT NULL, oldest_at timestamptz, PRIMARY KEY (topic, partition_id))",
            "CREATE TABLE IF NOT EXISTS msg.messages (topic text, partition_id int, msg_offset bigint, key text, payload jsonb,"
                    + " headers jsonb, published_at timestamptz NOT NULL, size_bytes int NOT NULL,"
                    + " PRIMARY KEY (topic, partition_id, msg_offset))",
            "CREATE TABLE IF NOT EXISTS msg.consumer_groups (name text PRIMARY KEY, topic text NOT NULL,"
                    + " generation bigint NOT NULL, created_at timestamptz NOT NULL, next_expiry_at timestamptz)",
            "CREATE TABLE IF NOT EXISTS msg.members (group_name text, member bigint, name text, session_timeout_ms int NOT NULL,"
                    + " joined_at timestamptz NOT NULL, last_heartbeat_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,"
                    + " PRIMARY KEY (group_name, member))",
            "CREATE TABLE IF NOT EXISTS msg.assignments (group_name text, partition_id int, member bigint, generation bigint NOT NULL,"
                    + " committed_offset bigint NOT NULL, committed_at timestamptz, PRIMARY KEY (group_name, partition_id))",
            "CREATE INDEX IF NOT EXISTS assignments_by_member ON msg.assignments (group_name, member, partition_id)",
            "CREATE OR REPLACE VIEW msg.topics AS SELECT t.name, t.partitions, t.retention_seconds, t.retention_bytes,"
                    + " sum(p.next_offset - p.first_offset) AS messages, sum(p.bytes) AS bytes, sum(p.next_offset) AS published,"
                    + " t.created_at FROM msg.topic_settings t JOIN msg.partitions p ON p.topic = t.name"
                    + " GROUP BY t.name, t.partitions, t.retention_seconds, t.retention_bytes, t.created_at",
            "CREATE OR REPLACE VIEW msg.groups AS SELECT g.name AS group_name, g.topic, a.partition_id, a.member, a.generation,"
                    + " a.committed_offset, p.next_offset AS end_offset,"
                    + " p.next_offset - greatest(a.committed_offset, p.first_offset) AS lag, a.committed_at"
                    + " FROM msg.consumer_groups g JOIN msg.assignments a ON a.group_name = g.name"
                    + " JOIN msg.partitions p ON p.topic = g.topic AND p.partition_id = a.partition_id"));
}
