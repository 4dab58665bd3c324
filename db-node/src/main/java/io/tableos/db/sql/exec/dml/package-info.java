/**
 * INSERT, UPDATE and DELETE execution: building full rows (defaults, assignment casts,
 * NOT NULL), key encoding, ON CONFLICT, row locking with re-check of the WHERE clause,
 * and RETURNING. Target rows are collected before any is written (Halloween protection).
 */
package io.tableos.db.sql.exec.dml;
