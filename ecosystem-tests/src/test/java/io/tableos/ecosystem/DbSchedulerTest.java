package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * db-scheduler: 2,000 one-time tasks, all due, executed by two scheduler instances over one
 * table, each exactly once. One instance claims with lock-and-fetch (db-scheduler's PostgreSQL
 * claim: {@code UPDATE ... WHERE (task_name, task_instance) IN (SELECT ... FOR UPDATE SKIP LOCKED
 * LIMIT n) RETURNING}), the other with fetch-and-lock-on-execute (a versioned UPDATE per task),
 * so both of its claim protocols meet on the same rows.
 */
class DbSchedulerTest {
    private static final String TABLE = "eco_scheduled_tasks";
    private static final int TASKS = 2000;
    private static final long ALL_EXECUTED_TIMEOUT_SECONDS = 180;

    @OnBothDatabases
    void twoThousandTasksRunExactlyOnceOnTwoInstances(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (task_name text NOT NULL, task_instance text NOT NULL, task_data bytea, "
                    + "execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text, last_success timestamptz, "
                    + "last_failure timestamptz, consecutive_failures int, last_heartbeat timestamptz, version bigint NOT NULL, "
                    + "priority smallint, PRIMARY KEY (task_name, task_instance))");
            s.execute("CREATE INDEX " + TABLE + "_execution_time_idx ON " + TABLE + " (execution_time)");
            s.execute("CREATE INDEX " + TABLE + "_last_heartbeat_idx ON " + TABLE + " (last_heartbeat)");
        }
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runsByInstance = new ConcurrentHashMap<>();
        CountDownLatch allRan = new CountDownLatch(TASKS);
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(db.jdbcUrl());
            ds.setMaximumPoolSize(12);
            OneTimeTask<Void> task = Tasks.oneTime("eco-task").execute((instance, context) -> {
                runs.computeIfAbsent(instance.getId(), k -> new AtomicInteger()).incrementAndGet();
                runsByInstance.computeIfAbsent(context.getExecution().pickedBy, k -> new AtomicInteger()).incrementAndGet();
                allRan.countDown();
            });

            List<TaskInstance<?>> instances = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) instances.add(task.instance("t-" + i));
            SchedulerClient.Builder.create(ds, task).tableName(TABLE).build().scheduleBatch(instances, Instant.now());

            Scheduler lockAndFetch = Scheduler.create(ds, task).tableName(TABLE).schedulerName(new SchedulerName.Fixed("lock-and-fetch"))
                    .threads(4).pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0).build();
            Scheduler fetchAndLock = Scheduler.create(ds, task).tableName(TABLE).schedulerName(new SchedulerName.Fixed("fetch-and-lock"))
                    .threads(4).pollingInterval(Duration.ofMillis(100)).pollUsingFetchAndLockOnExecute(0.5, 3.0).build();
            lockAndFetch.start();
            fetchAndLock.start();
            try {
                assertTrue(allRan.await(ALL_EXECUTED_TIMEOUT_SECONDS, TimeUnit.SECONDS), () -> runs.size() + " of " + TASKS + " tasks ran");
            } finally {
                lockAndFetch.stop();
                fetchAndLock.stop();
            }
        }
        assertEquals(TASKS, runs.size());
        assertEquals(List.of(), runs.entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey).toList(),
                "tasks run more than once");
        assertEquals(java.util.Set.of("lock-and-fetch", "fetch-and-lock"), runsByInstance.keySet(), "both instances executed tasks");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("0"), Rows.of(s, "SELECT count(*) FROM " + TABLE), "a completed one-time task is deleted");
        }
    }
}
