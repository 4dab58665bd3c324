/**
 * The cluster scheduler {@code sched}: a {@link io.tableos.db.service.ServiceModule} whose state
 * is rows (queues, tasks, workers, tenants, dependents, cron) and whose every operation is one
 * procedure call, run whole on the leader's commit path. {@link io.tableos.services.sched.SchedModule}
 * declares the SQL contract; the package-private classes hold one concern each: submission,
 * claiming, finishing, leases, queue settings, tenant shares, cron, and the per-call state
 * counters and transitions they share.
 */
package io.tableos.services.sched;
