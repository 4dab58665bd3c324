package io.tableos.db.catalog;

import java.time.OffsetDateTime;

/**
 * One session of this node as pg_stat_activity shows it. Lock waits are what tools and tests
 * look for: {@code waitEventType} is "Lock" while the session waits for a row lock
 * ({@code waitEvent} "tuple") or an advisory lock ("advisory"), else null.
 */
public record BackendActivity(int processId, String userName, String applicationName, OffsetDateTime backendStart,
                              OffsetDateTime transactionStart, OffsetDateTime queryStart, String state, String query,
                              String waitEventType, String waitEvent) {}
