/**
 * Execution: operators and expressions that run plans against a transaction.
 *
 * <p>Entry points (stable; the session layer calls these):
 * <ul>
 * <li>{@link io.tableos.db.sql.exec.ExecContext} — per execution: transaction manager,
 *     transaction, bound parameter values (already of the parameter types), the
 *     {@link io.tableos.db.sql.exec.SessionInfo} (settings, cancel flag, procedure SQL),
 *     transaction timestamp and statement deadline (statement_timeout; 57014 when passed).</li>
 * <li>{@link io.tableos.db.sql.exec.PlanNode#open} → {@link io.tableos.db.sql.exec.RowIterator}:
 *     rows are pulled one at a time ({@code next()} null at end; close when abandoned), so a
 *     portal fetches in slices. Sorts, hash tables, groups and DML target sets are bounded
 *     by {@link io.tableos.db.sql.exec.Limits} (54000 beyond).</li>
 * <li>{@link io.tableos.db.sql.exec.dml.DmlExecutor#execute} — INSERT/UPDATE/DELETE; returns the
 *     count and RETURNING rows; the tag is {@code verb()} plus count ({@code INSERT 0 n}).</li>
 * <li>{@link io.tableos.db.sql.exec.ProcedureRegistry} — built-in procedures, run through
 *     TransactionManager.runProcedure; bodies use {@link io.tableos.db.sql.exec.ProcedureContext}.</li>
 * </ul>
 * Rows of a base table carry one hidden trailing value, the encoded primary key, which
 * UPDATE, DELETE and FOR UPDATE use; projections drop it.
 */
package io.tableos.db.sql.exec;
