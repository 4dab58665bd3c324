/**
 * Plan operators (pull iterators): table access by key, range, index or scan; filter,
 * project, joins, sort, aggregate, distinct, set operations, limit, row locking, value
 * lists and set-returning functions. Every operator that buffers rows checks a named limit
 * from {@link io.tableos.db.sql.exec.Limits}.
 */
package io.tableos.db.sql.exec.op;
