/**
 * CHECK and FOREIGN KEY enforcement for INSERT, UPDATE, DELETE and COPY. The planner
 * compiles a table's constraints once per plan into a {@link io.tableos.db.sql.exec.constraint.TableConstraints}
 * (null for a table that has none and is referenced by none, so such tables pay nothing per
 * row). CHECK runs on each new row before it is written; foreign-key work (parent lookups
 * for new child rows, NO ACTION/RESTRICT, CASCADE, SET NULL, SET DEFAULT for removed parent
 * keys) is queued in a {@link io.tableos.db.sql.exec.constraint.DeferredChecks} and run at
 * the end of the statement, as PostgreSQL's non-deferrable constraint triggers do. All
 * reads go through the transaction, so optimistic validation orders a child insert against a
 * concurrent parent delete (see {@link io.tableos.db.sql.exec.constraint.ParentKeyCheck}).
 */
package io.tableos.db.sql.exec.constraint;
