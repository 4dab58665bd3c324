package io.tableos.services.sched;

import io.tableos.db.service.Migration;
import java.util.List;

/**
 * The scheduler's tables. {@code sched.tasks}, {@code sched.workers} and {@code sched.queues}
 * are the contract's views: they are the tables themselves (the node has no CREATE VIEW),
 * and {@code sched.queues} keeps its per-state counts and claim latency current as procedures
 * move tasks, so reading it costs one row per queue.
 *
 * <p>A task is {@code waiting} (delayed, retrying after backoff, or waiting for dependencies),
 * {@code queued} (claimable), {@code running} (leased to a worker) or finished
 * ({@code succeeded}, {@code failed}, {@code cancelled}). Each partial index holds the tasks of
 * one state that a procedure looks for: claims read {@code tasks_ready} in priority then FIFO
 * order, lease expiry reads {@code tasks_leases} by expiry time, promotion reads {@code tasks_due}.
 *
 * <p>{@code sched.queues.next_due_at} and {@code next_expiry_at} are lower bounds of the queue's
 * earliest waiting run_at and earliest lease expiry (null: none): a claim scans
 * {@code tasks_due} or {@code tasks_leases} only once now reaches them, then stores the exact
 * value; whatever adds a waiting task or a lease lowers them. A claim thus usually reads no
 * index but tasks_ready (index scans also see every sequenced-but-unapplied row), and an idle
 * long-poll takes its wake-up time from the queue row.
 */
final class SchedSchema {
    private SchedSchema() {}

    static final String WAITING = "waiting";
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    static final List<Migration> MIGRATIONS = List.of(Migration.of(1,
            "CREATE SCHEMA IF NOT EXISTS sched",
            "CREATE SEQUENCE IF NOT EXISTS sched.ids",
            "CREATE TABLE IF NOT EXISTS sched.queues (name text PRIMARY KEY, concurrency int, rate_per_second float8,"
                    + " paused boolean NOT NULL, retry_delay_ms int NOT NULL, retention_seconds int,"
                    + " waiting bigint NOT NULL, queued bigint NOT NULL, running bigint NOT NULL, succeeded bigint NOT NULL,"
                    + " failed bigint NOT NULL, cancelled bigint NOT NULL, claimed bigint NOT NULL, claim_latency_ms float8 NOT NULL,"
                    + " rate_tokens float8 NOT NULL, rate_refilled_at timestamptz NOT NULL, created_at timestamptz NOT NULL,"
                    + " next_due_at timestamptz, next_expiry_at timestamptz)",
            "CREATE TABLE IF NOT EXISTS sched.tasks (id bigint PRIMARY KEY, queue text NOT NULL, state text NOT NULL,"
                    + " priority int NOT NULL, payload jsonb, result jsonb, error text, attempt int NOT NULL, max_attempts int NOT NULL,"
                    + " worker bigint, lease bigint, lease_seconds int, lease_expires_at timestamptz, run_at timestamptz NOT NULL,"
                    + " dedup_key text, tenant text NOT NULL, depends_on bigint[], pending_dependencies int NOT NULL,"
                    + " submitted_at timestamptz NOT NULL, started_at timestamptz, finished_at timestamptz)",
            "CREATE INDEX IF NOT EXISTS tasks_ready ON sched.tasks (queue, tenant, priority DESC, id) WHERE state = 'queued'",
            "CREATE INDEX IF NOT EXISTS tasks_due ON sched.tasks (queue, run_at) WHERE state = 'waiting' AND pending_dependencies = 0",
            "CREATE INDEX IF NOT EXISTS tasks_leases ON sched.tasks (queue, lease_expires_at) WHERE state = 'running'",
            "CREATE INDEX IF NOT EXISTS tasks_by_worker ON sched.tasks (worker) WHERE state = 'running'",
            "CREATE INDEX IF NOT EXISTS tasks_dedup ON sched.tasks (queue, dedup_key) WHERE dedup_key IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS tasks_finished ON sched.tasks (queue, finished_at)",
            "CREATE TABLE IF NOT EXISTS sched.dependents (task_id bigint, dependent bigint, PRIMARY KEY (task_id, dependent))",
            "CREATE TABLE IF NOT EXISTS sched.tenants (queue text, tenant text, queued bigint NOT NULL, running bigint NOT NULL,"
                    + " PRIMARY KEY (queue, tenant))",
            "CREATE TABLE IF NOT EXISTS sched.workers (id bigint PRIMARY KEY, name text NOT NULL, capacity int NOT NULL,"
                    + " running int NOT NULL, registered_at timestamptz NOT NULL, last_heartbeat_at timestamptz NOT NULL)",
            "CREATE TABLE IF NOT EXISTS sched.cron (name text PRIMARY KEY, queue text NOT NULL, schedule text NOT NULL,"
                    + " payload jsonb, next_run_at timestamptz NOT NULL)",
            "CREATE INDEX IF NOT EXISTS cron_due ON sched.cron (queue, next_run_at)"));
}
