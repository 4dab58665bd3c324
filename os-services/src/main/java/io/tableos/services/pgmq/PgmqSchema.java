package io.tableos.services.pgmq;

import io.tableos.db.service.Migration;
import java.util.List;

/**
 * pgmq's tables, one set for every queue (see package-info for why not pgmq's table per queue).
 * {@code pgmq.meta} is pgmq's queue list plus what TableOS adds: the last message id handed out
 * (pgmq's per-queue sequence) and the dead-letter setting. {@code pgmq.messages} holds every
 * queue's messages keyed by (queue_name, msg_id), so a read scans its queue in msg_id order;
 * {@code messages_vt} finds a queue's earliest visibility time (when an idle long-poll must wake)
 * and {@code messages_fifo} the head of a FIFO group (only grouped messages are in it).
 * {@code pgmq.archived} holds archived messages the same way.
 */
final class PgmqSchema {
    private PgmqSchema() {}

    static final String MESSAGES = "pgmq.messages";

    static final List<Migration> MIGRATIONS = List.of(Migration.of(1,
            "CREATE SCHEMA IF NOT EXISTS pgmq",
            "CREATE TABLE IF NOT EXISTS pgmq.meta (queue_name text PRIMARY KEY, is_partitioned boolean NOT NULL,"
                    + " is_unlogged boolean NOT NULL, created_at timestamptz NOT NULL, last_msg_id bigint NOT NULL,"
                    + " dead_letter_queue text, max_read_ct int)",
            "CREATE TABLE IF NOT EXISTS pgmq.messages (queue_name text, msg_id bigint, read_ct int NOT NULL,"
                    + " enqueued_at timestamptz NOT NULL, vt timestamptz NOT NULL, message jsonb, headers jsonb, fifo_group text,"
                    + " PRIMARY KEY (queue_name, msg_id))",
            "CREATE INDEX IF NOT EXISTS messages_fifo ON pgmq.messages (queue_name, fifo_group, msg_id) WHERE fifo_group IS NOT NULL",
            "CREATE TABLE IF NOT EXISTS pgmq.archived (queue_name text, msg_id bigint, read_ct int NOT NULL,"
                    + " enqueued_at timestamptz NOT NULL, archived_at timestamptz NOT NULL, vt timestamptz NOT NULL, message jsonb,"
                    + " headers jsonb, PRIMARY KEY (queue_name, msg_id))"));
}
