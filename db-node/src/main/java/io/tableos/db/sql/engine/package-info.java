/**
 * The SQL engine behind the wire protocol: {@link io.tableos.db.sql.engine.SqlEngineImpl}
 * opens {@link io.tableos.db.sql.engine.SqlSessionImpl}s, which prepare statements through
 * a shared plan cache (keyed by text and catalog version), run them in the session's
 * transaction (explicit block or implicit per batch), and handle transaction control,
 * settings, DDL, COPY, LISTEN/NOTIFY and procedures.
 */
package io.tableos.db.sql.engine;
