/**
 * Isolation acceptance tests (issue 11), differential against PostgreSQL 15: the issue's
 * concurrency cases, the Hermitage anomaly catalogue at each isolation level with the outcomes
 * PostgreSQL records, and randomized multi-session histories checked against a serial order.
 * Sessions are real pgJDBC connections; a statement expected to block runs on its session's
 * own thread and is known to be blocked only when the server reports the wait
 * ({@link io.tableos.db.it.isolation.LockWaits}), never by elapsed time.
 */
package io.tableos.db.it.isolation;
