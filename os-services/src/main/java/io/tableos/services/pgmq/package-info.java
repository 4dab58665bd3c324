/**
 * pgmq-compatible message queues: a {@link io.tableos.db.service.ServiceModule} serving pgmq's
 * SQL API ({@code pgmq.create}, {@code send}, {@code read}, {@code read_with_poll}, {@code delete},
 * {@code archive}, ...) as procedures that run whole on the leader's commit path.
 *
 * <p>One table for all queues, not pgmq's table per queue: {@code pgmq.messages} keyed by
 * (queue_name, msg_id), {@code pgmq.archived} likewise. Procedures cannot run DDL (they are one
 * transaction on the commit path, and DDL commits as its own log entry), so a per-queue table
 * would have to be created outside the create call, racing the first send; one keyed table also
 * keeps every statement a procedure runs the same text for every queue, so plans are cached once.
 * pgmq's tables stay queryable: {@code pgmq.q_<name>} and {@code pgmq.a_<name>} are views over the
 * keyed tables that exist by name pattern (a {@link io.tableos.db.sql.exec.RelationFamily}), since
 * create cannot run CREATE VIEW either; they are read-only, and for an unknown queue read as empty.
 * A read is an ordered range scan of its queue's key prefix that stops at qty, as pgmq's is of
 * its queue table. pgmq's per-queue sequence is a counter in the queue's {@code pgmq.meta} row
 * (calls never run concurrently, so a hot counter row costs nothing).
 */
package io.tableos.services.pgmq;
