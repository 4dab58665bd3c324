package io.tableos.ecosystem;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * One member of a Quartz cluster on the JDBC job store (JobStoreTX with the PostgreSQL delegate,
 * clustered): the configuration both members share, and a job that records each firing as a row
 * (job name, instance) in {@value #FIRED_TABLE}, so that exactly-once is checked in the database.
 */
final class QuartzCluster {
    static final String FIRED_TABLE = "eco_quartz_fired";
    private static final String SCHEMA_SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private QuartzCluster() {}

    /** Quartz's own PostgreSQL tables (its script drops them first) and the firing record. */
    static void createTables(Connection c) throws SQLException, IOException {
        String script;
        try (InputStream in = Scheduler.class.getResourceAsStream(SCHEMA_SCRIPT)) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(script);
            s.execute("DROP TABLE IF EXISTS " + FIRED_TABLE);
            s.execute("CREATE TABLE " + FIRED_TABLE + " (job text NOT NULL, instance text NOT NULL)");
        }
        c.commit();
        c.setAutoCommit(autoCommit);
    }

    /** A started cluster member; its jobs write through {@code jobData}. */
    static Scheduler start(String jdbcUrl, String instanceId, DataSource jobData) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "EcoCluster");
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // A member that was not told of new triggers looks for them again after this long (default 30 s).
        p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "main");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2000");
        p.setProperty("org.quartz.dataSource.main.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.main.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.main.URL", jdbcUrl);
        p.setProperty("org.quartz.dataSource.main.maxConnections", "6");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) -> new RecordFiring(instanceId, jobData));
        scheduler.start();
        return scheduler;
    }

    /** Records one firing; a job fired twice leaves two rows. */
    static final class RecordFiring implements Job {
        private final String instanceId;
        private final DataSource jobData;

        RecordFiring(String instanceId, DataSource jobData) {
            this.instanceId = instanceId;
            this.jobData = jobData;
        }

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try (Connection c = jobData.getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + FIRED_TABLE + " VALUES (?, ?)")) {
                insert.setString(1, context.getJobDetail().getKey().getName());
                insert.setString(2, instanceId);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new JobExecutionException(e);
            }
        }
    }

    /** The second member, in a JVM of its own: {@code QuartzCluster$Member <jdbcUrl> <instanceId>}. */
    static final class Member {
        public static void main(String[] args) throws Exception {
            try (HikariDataSource jobData = new HikariDataSource()) {
                jobData.setJdbcUrl(args[0]);
                jobData.setMaximumPoolSize(4);
                Scheduler scheduler = start(args[0], args[1], jobData);
                System.out.println(ChildJvm.READY);
                ChildJvm.awaitStopSignal();
                scheduler.shutdown(true);
            }
        }
    }
}
