package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;

/**
 * Quartz's JDBC job store in clustered mode: two members (this JVM and a child JVM) share the
 * QRTZ_ tables; 300 one-shot jobs, all due at the same moment, each fire exactly once across
 * the two. Quartz serialises trigger acquisition with SELECT ... FOR UPDATE on QRTZ_LOCKS and
 * relies on the database for that exclusion.
 */
class QuartzClusterTest {
    private static final int JOBS = 300;
    private static final long ALL_FIRED_TIMEOUT_MILLIS = 120_000;
    private static final long POLL_MILLIS = 100;

    @OnBothDatabases
    void threeHundredOneShotJobsFireExactlyOnceAcrossTwoMembers(Database db) throws Exception {
        try (Connection c = db.connect()) {
            QuartzCluster.createTables(c);
        }
        try (HikariDataSource jobData = new HikariDataSource();
                ChildJvm member = ChildJvm.start(QuartzCluster.Member.class, db.jdbcUrl(), "member-b")) {
            jobData.setJdbcUrl(db.jdbcUrl());
            jobData.setMaximumPoolSize(4);
            Scheduler scheduler = QuartzCluster.start(db.jdbcUrl(), "member-a", jobData);
            Date due = new Date(System.currentTimeMillis() + 2_000);
            for (int i = 0; i < JOBS; i++) {
                scheduler.scheduleJob(JobBuilder.newJob(QuartzCluster.RecordFiring.class).withIdentity("job-" + i).build(),
                        TriggerBuilder.newTrigger().withIdentity("trigger-" + i).startAt(due).build());
            }
            awaitDistinctFirings(jobData, JOBS);
            scheduler.shutdown(true);
            member.stop();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of(JOBS + "|" + JOBS), Rows.of(s, "SELECT count(*), count(DISTINCT job) FROM " + QuartzCluster.FIRED_TABLE));
            assertEquals(List.of("0|0"), Rows.of(s, "SELECT (SELECT count(*) FROM qrtz_triggers), (SELECT count(*) FROM qrtz_fired_triggers)"));
        }
    }

    /** Waits (polling the record, up to a deadline) until {@code jobs} distinct jobs have fired. */
    static void awaitDistinctFirings(HikariDataSource ds, int jobs) throws Exception {
        long deadline = System.currentTimeMillis() + ALL_FIRED_TIMEOUT_MILLIS;
        while (true) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                String fired = Rows.of(s, "SELECT count(DISTINCT job) FROM " + QuartzCluster.FIRED_TABLE).get(0);
                if (Integer.parseInt(fired) >= jobs) return;
                if (System.currentTimeMillis() > deadline) throw new AssertionError("only " + fired + " of " + jobs + " jobs fired");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
