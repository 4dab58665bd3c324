package io.tableos.examples.reminder;

import static io.tableos.db.it.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.TestCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's promise, tested with real processes (issue 14): the reminder app (its own JVM,
 * the unmodified DBOS Transact SDK) is SIGKILLed during the durable sleep and started again
 * with the same workflow id; or the cluster's leader node is SIGKILLed during the sleep. Either
 * way the confirmation is sent once and the reminder once.
 */
class ReminderCrashTest {
    /** Long enough to kill something in the middle of it, on a slow machine. */
    private static final int DELAY_SECONDS = 8;

    @TempDir
    Path dir;

    private Process startApp(TestCluster cluster, String workflowId, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReminderApp.class.getName());
        command.addAll(List.of("--url", cluster.jdbcUrl(), "--user", TestCluster.USER, "--password", TestCluster.PASSWORD,
                "--email", "grace@example.com", "--delay-seconds", Integer.toString(DELAY_SECONDS), "--workflow-id", workflowId));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * True once DBOS has checkpointed the confirmation step (its output row), so the workflow is
     * in its durable sleep. Killing between the send and that checkpoint would rightly send the
     * confirmation again on recovery: DBOS runs a step at least once, and exactly once only
     * after its checkpoint.
     */
    private static boolean confirmationCheckpointed(Outbox outbox, String workflowId) {
        try (java.sql.Connection c = outbox.connect();
             java.sql.PreparedStatement q = c.prepareStatement(
                     "SELECT count(*) FROM dbos.operation_outputs WHERE workflow_uuid = ? AND function_name = 'send_confirmation'")) {
            q.setString(1, workflowId);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;  // the schema not migrated yet, or a failover
        }
    }

    private static void awaitExit(Process app, Path log) throws Exception {
        assertTrue(app.waitFor(180, TimeUnit.SECONDS), () -> "the app did not finish:\n" + tail(log));
        assertEquals(0, app.exitValue(), () -> "the app's exit status:\n" + tail(log));
    }

    /** Waits until the workflow is in its durable sleep (see {@link #confirmationCheckpointed}). */
    private static void awaitConfirmation(Outbox outbox, String id, Path log) throws Exception {
        try {
            eventually(() -> confirmationCheckpointed(outbox, id), "the confirmation's checkpoint", 180);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the app's output:\n" + tail(log), e);
        }
    }

    /** The app's last output lines, for a failure message (the log lives in a temporary directory). */
    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Test
    void appKilledDuringTheSleepSendsEachOnceAfterRestart() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"), 3)) {
            Outbox outbox = new Outbox(cluster.jdbcUrl(), TestCluster.USER, TestCluster.PASSWORD);
            String id = "app-crash";
            Process first = startApp(cluster, id, dir.resolve("app-1.log"));
            try {
                awaitConfirmation(outbox, id, dir.resolve("app-1.log"));
                first.destroyForcibly();  // SIGKILL, inside the 8 s sleep
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            } finally {
                first.destroyForcibly();
            }
            assertEquals(0, DbosOnClusterTest.sends(outbox, id, "reminder"), "killed before the reminder");
            Process second = startApp(cluster, id, dir.resolve("app-2.log"));
            try {
                awaitExit(second, dir.resolve("app-2.log"));
            } finally {
                second.destroyForcibly();
            }
            assertEquals(1, DbosOnClusterTest.sends(outbox, id, "confirmation"));
            assertEquals(1, DbosOnClusterTest.sends(outbox, id, "reminder"));
        }
    }

    @Test
    void leaderKilledDuringTheSleepSendsEachOnce() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"), 3)) {
            Outbox outbox = new Outbox(cluster.jdbcUrl(), TestCluster.USER, TestCluster.PASSWORD);
            String id = "leader-crash";
            Process app = startApp(cluster, id, dir.resolve("app.log"));
            try {
                awaitConfirmation(outbox, id, dir.resolve("app.log"));
                cluster.kill(cluster.awaitLeader());
                awaitExit(app, dir.resolve("app.log"));
            } finally {
                app.destroyForcibly();
            }
            assertEquals(1, DbosOnClusterTest.sends(outbox, id, "confirmation"));
            assertEquals(1, DbosOnClusterTest.sends(outbox, id, "reminder"));
        }
    }
}
