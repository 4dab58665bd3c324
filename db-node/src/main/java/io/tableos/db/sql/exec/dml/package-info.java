/**
 * INSERT, UPDATE and DELETE execution: building full rows (defaults, assignment casts,
 * NOT NULL), key encoding, ON CONFLICT, row locking with re-check of the WHERE clause,
 * and RETURNING. Target rows are collected before any is written (Halloween protection).
 * MERGE ({@link io.tableos.db.sql.exec.dml.MergeExecutor}) is a join plus one UPDATE, DELETE
 * or INSERT executor per WHEN clause, each acting on one row at a time through the same steps.
 */
package io.tableos.db.sql.exec.dml;
