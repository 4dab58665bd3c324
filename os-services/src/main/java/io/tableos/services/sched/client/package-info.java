/**
 * The scheduler's Java client over pgJDBC: {@link io.tableos.services.sched.client.Scheduler}
 * (one typed method per {@code sched.*} procedure) and {@link io.tableos.services.sched.client.Worker}
 * (a worker process's runtime: long-poll claims, a handler pool, batched completions, heartbeats).
 * Any PostgreSQL client can call the same procedures; this is the convenient one for Java.
 */
package io.tableos.services.sched.client;
