/**
 * The SQL engine behind {@link io.tableos.db.sql.session.SqlEngine}: {@link SqlEngineImpl}
 * owns what sessions share (plan cache keyed by text and catalog version, LISTEN/NOTIFY hub,
 * process ids, procedure registry, partial-index predicate compiler); {@link SqlSessionImpl}
 * runs statements with PostgreSQL's implicit-transaction and transaction-block rules, settings,
 * SQL-level PREPARE/EXECUTE; DDL (each change commits as it runs, through
 * TransactionManager.applyDdl, and is undone if its transaction rolls back: DdlUndo), TRUNCATE
 * and COPY are interpreted here on top of the planner (sql.plan) and operators (sql.exec).
 */
package io.tableos.db.sql.engine;
