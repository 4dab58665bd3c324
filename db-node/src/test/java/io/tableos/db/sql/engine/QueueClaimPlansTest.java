package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claim statements of the PostgreSQL job queues people run (River, Oban, graphile-worker,
 * Solid Queue, pg-boss, pgmq, Quartz, db-scheduler, DBOS Transact), written here in the shape
 * of each library's schema and claim (our own statements, same tables, indexes and clauses),
 * each planned through the library's index: never a Seq Scan, and no Sort where the index
 * order is the claim's ORDER BY. A few hundred rows are loaded and ANALYZEd first.
 */
class QueueClaimPlansTest extends EngineTestBase {

    private List<String> run(String sql) {
        try (SqlSessionImpl session = fixture.session()) {
            List<String> out = SessionScriptTest.execute(session, new SessionScriptTest.Step(sql, new ArrayList<>(), 0, null));
            assertFalse(!out.isEmpty() && out.get(0).startsWith("ERROR"), sql + "\n" + out);
            return out;
        }
    }

    private void setUp(String... statements) {
        for (String s : statements) run(s);
    }

    private String explain(String sql) {
        List<String> lines = run("EXPLAIN " + sql);
        return String.join("\n", lines.subList(1, lines.size()));
    }

    /** The plan reads {@code index} and no table in full; with {@code ordered}, no Sort either. */
    private void assertClaimPlan(String sql, String index, boolean ordered) {
        String plan = explain(sql);
        assertTrue(plan.contains("using " + index + " on"), "expected " + index + ":\n" + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        if (ordered) assertFalse(plan.contains("Sort"), plan);
        assertTrue(plan.contains("LockRows") || plan.contains("Update on"), plan);
    }

    @Test
    void river() {
        setUp("DROP TABLE IF EXISTS qc_river_job",
                "CREATE TABLE qc_river_job (id bigserial PRIMARY KEY, args jsonb NOT NULL DEFAULT '{}', attempt smallint NOT NULL DEFAULT 0, "
                        + "attempted_at timestamptz, attempted_by text[], kind text NOT NULL, priority smallint NOT NULL DEFAULT 1, "
                        + "queue text NOT NULL DEFAULT 'default', state text NOT NULL DEFAULT 'available', scheduled_at timestamptz NOT NULL DEFAULT now())",
                "CREATE INDEX qc_river_job_prioritized_fetching_index ON qc_river_job (state, queue, priority, scheduled_at, id)",
                "INSERT INTO qc_river_job (kind, priority, queue, state, scheduled_at) SELECT 'k', 1 + g % 4, 'q' || (g % 3), "
                        + "CASE WHEN g % 5 = 0 THEN 'completed' ELSE 'available' END, now() - g * interval '1 second' FROM generate_series(1, 300) g",
                "ANALYZE qc_river_job");
        assertClaimPlan("WITH locked_jobs AS (SELECT * FROM qc_river_job WHERE state = 'available' AND queue = $1 AND scheduled_at <= now() "
                + "ORDER BY priority ASC, scheduled_at ASC, id ASC LIMIT $2 FOR UPDATE SKIP LOCKED) "
                + "UPDATE qc_river_job SET state = 'running', attempt = qc_river_job.attempt + 1, attempted_at = now() "
                + "FROM locked_jobs WHERE qc_river_job.id = locked_jobs.id RETURNING qc_river_job.*", "qc_river_job_prioritized_fetching_index", true);
    }

    @Test
    void oban() {
        setUp("DROP TABLE IF EXISTS qc_oban_jobs",
                "CREATE TABLE qc_oban_jobs (id bigserial PRIMARY KEY, state text NOT NULL DEFAULT 'available', queue text NOT NULL DEFAULT 'default', "
                        + "worker text NOT NULL, args jsonb NOT NULL DEFAULT '{}', attempt int NOT NULL DEFAULT 0, priority int NOT NULL DEFAULT 0, "
                        + "scheduled_at timestamp NOT NULL DEFAULT now(), attempted_at timestamp, attempted_by text[])",
                "CREATE INDEX qc_oban_jobs_state_queue_priority_scheduled_at_id_index ON qc_oban_jobs (state, queue, priority, scheduled_at, id)",
                "INSERT INTO qc_oban_jobs (worker, queue, priority, state) SELECT 'W', 'q' || (g % 3), g % 4, "
                        + "CASE WHEN g % 4 = 0 THEN 'completed' ELSE 'available' END FROM generate_series(1, 300) g",
                "ANALYZE qc_oban_jobs");
        assertClaimPlan("UPDATE qc_oban_jobs SET state = 'executing', attempted_at = now(), attempt = attempt + 1 WHERE id IN "
                + "(SELECT id FROM qc_oban_jobs WHERE state = 'available' AND queue = $1 ORDER BY priority ASC, scheduled_at ASC, id ASC "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id, args", "qc_oban_jobs_state_queue_priority_scheduled_at_id_index", true);
    }

    @Test
    void graphileWorker() {
        setUp("DROP TABLE IF EXISTS qc_graphile_jobs",
                "CREATE TABLE qc_graphile_jobs (id bigserial PRIMARY KEY, queue_name text, task_identifier text NOT NULL, payload json NOT NULL DEFAULT '{}', "
                        + "priority smallint NOT NULL DEFAULT 0, run_at timestamptz NOT NULL DEFAULT now(), attempts smallint NOT NULL DEFAULT 0, "
                        + "max_attempts smallint NOT NULL DEFAULT 25, locked_at timestamptz, locked_by text, is_available boolean NOT NULL DEFAULT true)",
                "CREATE INDEX qc_graphile_jobs_main_index ON qc_graphile_jobs (priority, run_at) WHERE is_available = true",
                "INSERT INTO qc_graphile_jobs (task_identifier, priority, run_at, is_available) SELECT 't' || (g % 5), g % 3, "
                        + "now() - g * interval '1 minute', g % 7 <> 0 FROM generate_series(1, 300) g",
                "ANALYZE qc_graphile_jobs");
        assertClaimPlan("SELECT id, queue_name FROM qc_graphile_jobs WHERE is_available = true AND run_at <= now() AND task_identifier = ANY($1) "
                + "ORDER BY priority ASC, run_at ASC LIMIT 1 FOR UPDATE SKIP LOCKED", "qc_graphile_jobs_main_index", true);
    }

    @Test
    void solidQueue() {
        setUp("DROP TABLE IF EXISTS qc_solid_queue_ready_executions",
                "CREATE TABLE qc_solid_queue_ready_executions (id bigserial PRIMARY KEY, job_id bigint NOT NULL, queue_name varchar NOT NULL, "
                        + "priority int NOT NULL DEFAULT 0, created_at timestamp NOT NULL DEFAULT now())",
                "CREATE UNIQUE INDEX qc_solid_queue_ready_job ON qc_solid_queue_ready_executions (job_id)",
                "CREATE INDEX qc_solid_queue_poll_all ON qc_solid_queue_ready_executions (priority, job_id)",
                "CREATE INDEX qc_solid_queue_poll_by_queue ON qc_solid_queue_ready_executions (queue_name, priority, job_id)",
                "INSERT INTO qc_solid_queue_ready_executions (job_id, queue_name, priority) SELECT g, 'q' || (g % 4), g % 3 FROM generate_series(1, 300) g",
                "ANALYZE qc_solid_queue_ready_executions");
        assertClaimPlan("SELECT job_id FROM qc_solid_queue_ready_executions WHERE queue_name = $1 ORDER BY priority ASC, job_id ASC "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED", "qc_solid_queue_poll_by_queue", true);
        assertClaimPlan("SELECT job_id FROM qc_solid_queue_ready_executions ORDER BY priority ASC, job_id ASC LIMIT $1 FOR UPDATE SKIP LOCKED",
                "qc_solid_queue_poll_all", true);
    }

    @Test
    void pgBoss() {
        setUp("DROP TABLE IF EXISTS qc_pgboss_job",
                "CREATE TABLE qc_pgboss_job (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, priority integer NOT NULL DEFAULT 0, "
                        + "data jsonb, state text NOT NULL DEFAULT 'created', retry_count integer NOT NULL DEFAULT 0, "
                        + "start_after timestamptz NOT NULL DEFAULT now(), started_on timestamptz, created_on timestamptz NOT NULL DEFAULT now())",
                "CREATE INDEX qc_pgboss_job_fetch ON qc_pgboss_job (name, priority DESC, created_on, id) WHERE state < 'active'",
                "INSERT INTO qc_pgboss_job (name, priority, state, created_on) SELECT 'n' || (g % 3), g % 5, "
                        + "CASE WHEN g % 6 = 0 THEN 'completed' ELSE 'created' END, now() - g * interval '1 second' FROM generate_series(1, 300) g",
                "ANALYZE qc_pgboss_job");
        assertClaimPlan("WITH next AS (SELECT id FROM qc_pgboss_job WHERE name = $1 AND state < 'active' AND start_after < now() "
                + "ORDER BY priority DESC, created_on, id LIMIT $2 FOR UPDATE SKIP LOCKED) "
                + "UPDATE qc_pgboss_job j SET state = 'active', started_on = now(), retry_count = CASE WHEN state = 'retry' THEN retry_count + 1 ELSE retry_count END "
                + "FROM next WHERE name = $1 AND j.id = next.id RETURNING j.id, name, data", "qc_pgboss_job_fetch", true);
    }

    @Test
    void pgmq() {
        setUp("DROP TABLE IF EXISTS qc_pgmq_q_tasks",
                "CREATE TABLE qc_pgmq_q_tasks (msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY, read_ct int NOT NULL DEFAULT 0, "
                        + "enqueued_at timestamptz NOT NULL DEFAULT now(), vt timestamptz NOT NULL, message jsonb)",
                "CREATE INDEX qc_pgmq_q_tasks_vt_idx ON qc_pgmq_q_tasks (vt ASC)",
                "INSERT INTO qc_pgmq_q_tasks (vt, message) SELECT now() - (300 - g) * interval '1 second' + CASE WHEN g % 10 = 0 THEN interval '1 hour' ELSE interval '0' END, "
                        + "'{}' FROM generate_series(1, 300) g",
                "ANALYZE qc_pgmq_q_tasks");
        String plan = explain("WITH cte AS (SELECT msg_id FROM qc_pgmq_q_tasks WHERE vt <= clock_timestamp() ORDER BY msg_id ASC LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE qc_pgmq_q_tasks m SET vt = clock_timestamp() + interval '30 seconds', read_ct = read_ct + 1 FROM cte "
                + "WHERE m.msg_id = cte.msg_id RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message");
        // PostgreSQL reads the queue in msg_id order through the primary key and filters on vt
        assertTrue(plan.contains("Index Scan using qc_pgmq_q_tasks_pkey on qc_pgmq_q_tasks"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        assertFalse(plan.contains("Sort"), plan);
    }

    @Test
    void quartz() {
        setUp("DROP TABLE IF EXISTS qc_qrtz_triggers", "DROP TABLE IF EXISTS qc_qrtz_locks",
                "CREATE TABLE qc_qrtz_triggers (sched_name varchar(120) NOT NULL, trigger_name varchar(200) NOT NULL, trigger_group varchar(200) NOT NULL, "
                        + "job_name varchar(200) NOT NULL, next_fire_time bigint, priority integer, trigger_state varchar(16) NOT NULL, "
                        + "misfire_instr smallint, PRIMARY KEY (sched_name, trigger_name, trigger_group))",
                "CREATE INDEX qc_idx_qrtz_t_nft_st ON qc_qrtz_triggers (sched_name, trigger_state, next_fire_time)",
                "CREATE TABLE qc_qrtz_locks (sched_name varchar(120) NOT NULL, lock_name varchar(40) NOT NULL, PRIMARY KEY (sched_name, lock_name))",
                "INSERT INTO qc_qrtz_locks VALUES ('S', 'TRIGGER_ACCESS'), ('S', 'STATE_ACCESS')",
                "INSERT INTO qc_qrtz_triggers SELECT 'S', 't' || g, 'g', 'j' || g, 1000 * g, g % 5, CASE WHEN g % 4 = 0 THEN 'ACQUIRED' ELSE 'WAITING' END, 0 "
                        + "FROM generate_series(1, 300) g",
                "ANALYZE qc_qrtz_triggers");
        assertClaimPlan("SELECT * FROM qc_qrtz_locks WHERE sched_name = 'S' AND lock_name = $1 FOR UPDATE", "qc_qrtz_locks_pkey", true);
        String acquire = explain("SELECT trigger_name, trigger_group, next_fire_time, priority FROM qc_qrtz_triggers WHERE sched_name = 'S' "
                + "AND trigger_state = $1 AND next_fire_time <= $2 AND (misfire_instr = -1 OR (misfire_instr <> -1 AND next_fire_time >= $3)) "
                + "ORDER BY next_fire_time ASC, priority DESC");
        assertTrue(acquire.contains("Index Scan using qc_idx_qrtz_t_nft_st on qc_qrtz_triggers"), acquire);
        assertTrue(acquire.contains("Index Cond: (sched_name = 'S') AND (trigger_state = $1) AND (next_fire_time <= $2)"), acquire);
    }

    @Test
    void dbScheduler() {
        setUp("DROP TABLE IF EXISTS qc_scheduled_tasks",
                "CREATE TABLE qc_scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL, task_data bytea, execution_time timestamptz NOT NULL, "
                        + "picked boolean NOT NULL, picked_by text, last_heartbeat timestamptz, version bigint NOT NULL, priority smallint, "
                        + "PRIMARY KEY (task_name, task_instance))",
                "CREATE INDEX qc_execution_time_idx ON qc_scheduled_tasks (execution_time)",
                "INSERT INTO qc_scheduled_tasks SELECT 'task', 'i' || g, NULL, now() - (300 - g) * interval '1 minute', g % 9 = 0, NULL, NULL, 1, 0 "
                        + "FROM generate_series(1, 300) g",
                "ANALYZE qc_scheduled_tasks");
        assertClaimPlan("SELECT * FROM qc_scheduled_tasks WHERE picked = false AND execution_time <= $1 ORDER BY execution_time ASC "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED", "qc_execution_time_idx", true);
    }

    @Test
    void dbosTransact() {
        setUp("DROP TABLE IF EXISTS qc_workflow_status",
                "CREATE TABLE qc_workflow_status (workflow_uuid text PRIMARY KEY, status text, name text, queue_name text, executor_id text, "
                        + "created_at bigint NOT NULL, updated_at bigint NOT NULL, application_version text, priority integer NOT NULL DEFAULT 0, "
                        + "started_at_epoch_ms bigint)",
                "CREATE INDEX qc_workflow_status_queue_status_started ON qc_workflow_status (queue_name, status, started_at_epoch_ms)",
                "CREATE INDEX qc_workflow_status_created_at ON qc_workflow_status (created_at)",
                "INSERT INTO qc_workflow_status (workflow_uuid, status, name, queue_name, created_at, updated_at, priority) SELECT 'wf' || g, "
                        + "CASE WHEN g % 3 = 0 THEN 'SUCCESS' ELSE 'ENQUEUED' END, 'f', 'q' || (g % 6), g, g, g % 2 FROM generate_series(1, 300) g",
                "ANALYZE qc_workflow_status");
        assertClaimPlan("SELECT workflow_uuid FROM qc_workflow_status WHERE queue_name = $1 AND status = 'ENQUEUED' "
                + "AND (application_version = $2 OR application_version IS NULL) ORDER BY priority ASC, created_at ASC LIMIT $3 FOR UPDATE SKIP LOCKED",
                "qc_workflow_status_queue_status_started", false);
    }
}
