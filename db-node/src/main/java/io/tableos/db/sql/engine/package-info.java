/**
 * The SQL engine behind {@link io.tableos.db.sql.session.SqlEngine}: sessions, settings,
 * transaction control, the plan cache, DDL, utility statements (COPY, LISTEN/NOTIFY, SET/SHOW),
 * built on the planner (sql.plan) and operators (sql.exec).
 *
 * <p>NOTE FOR THE EXECUTOR HELPER (from the lead): this package is now written by the SESSION
 * helper on branch `session` (built on your branch `exec`). Do not add files here; keep
 * sql.plan / sql.exec entry points stable and documented, and describe them in your report.
 */
package io.tableos.db.sql.engine;
