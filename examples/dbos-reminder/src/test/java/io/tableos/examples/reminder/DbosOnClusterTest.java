package io.tableos.examples.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.Queue;
import dev.dbos.transact.workflow.WorkflowHandle;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import io.tableos.db.it.cluster.TestCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified DBOS Transact SDK with a local 3-node TableOS cluster as its system database
 * (issue 14): launch runs the SDK's migrations (PL/pgSQL functions, triggers, CREATE DATABASE
 * check); the reminder workflow; an idempotent rerun by workflow ID; a queue with concurrency 5;
 * send/recv; setEvent/getEvent; listWorkflows; cancel and resume; fork.
 */
class DbosOnClusterTest {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static DBOS dbos;
    private static Reminders reminders;
    private static Probes probes;
    private static ProbeWorkflows probeWorkflows;
    private static Outbox outbox;
    private static final Queue FIVE_AT_ONCE = new Queue("five_at_once").withConcurrency(5);

    @BeforeAll
    static void launch() throws Exception {
        cluster = TestCluster.start(dir, 3);
        ReminderApp.Launched app = ReminderApp.configure(cluster.jdbcUrl(), TestCluster.USER, TestCluster.PASSWORD);
        dbos = app.dbos();
        reminders = app.reminders();
        outbox = app.outbox();
        probeWorkflows = new ProbeWorkflows(dbos);
        probes = dbos.registerProxy(Probes.class, probeWorkflows);
        dbos.registerQueue(FIVE_AT_ONCE);
        dbos.launch();
    }

    @AfterAll
    static void stop() {
        if (dbos != null) dbos.close();
        if (cluster != null) cluster.close();
    }

    static long sends(Outbox outbox, String workflowId, String kind) throws SQLException {
        try (Connection c = outbox.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Outbox.TABLE + " WHERE workflow_id = '" + workflowId + "' AND kind = '" + kind + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void reminderRunsOnceAndAReRunByIdReturnsTheSameResult() throws Exception {
        String id = "reminder-once";
        WorkflowHandle<String, SQLException> first = dbos.startWorkflow(() -> reminders.remind("ada@example.com", 300),
                new StartWorkflowOptions(id));
        assertEquals("reminded ada@example.com", first.getResult());
        WorkflowHandle<String, SQLException> again = dbos.startWorkflow(() -> reminders.remind("ada@example.com", 300),
                new StartWorkflowOptions(id));
        assertEquals("reminded ada@example.com", again.getResult());
        assertEquals(1, sends(outbox, id, "confirmation"));
        assertEquals(1, sends(outbox, id, "reminder"));
        assertEquals(WorkflowState.SUCCESS, dbos.getWorkflowStatus(id).orElseThrow().status());
    }

    @Test
    void aQueueWithConcurrencyFiveNeverRunsMore() throws Exception {
        List<WorkflowHandle<Integer, RuntimeException>> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int index = i;
            handles.add(dbos.startWorkflow(() -> probes.counted(index), new StartWorkflowOptions(FIVE_AT_ONCE)));
        }
        int sum = 0;
        for (WorkflowHandle<Integer, RuntimeException> h : handles) sum += h.getResult();
        assertEquals(49 * 50 / 2, sum);
        assertTrue(probeWorkflows.mostRunning.get() <= 5, "at most 5 at once, saw " + probeWorkflows.mostRunning.get());
        assertTrue(probeWorkflows.mostRunning.get() >= 2, "the queue ran several at once, saw " + probeWorkflows.mostRunning.get());
    }

    @Test
    void sendAndRecv() throws Exception {
        WorkflowHandle<String, RuntimeException> waiting = dbos.startWorkflow(() -> probes.awaitMessage("greeting", 60),
                new StartWorkflowOptions("recv-greeting"));
        dbos.send("recv-greeting", "hello", "greeting");
        assertEquals("hello", waiting.getResult());
    }

    @Test
    void setEventAndGetEvent() throws Exception {
        WorkflowHandle<String, RuntimeException> h = dbos.startWorkflow(() -> probes.announce("phase", "ready"),
                new StartWorkflowOptions("event-phase"));
        assertEquals("ready", h.getResult());
        assertEquals("ready", dbos.<String>getEvent("event-phase", "phase", Duration.ofSeconds(10)).orElseThrow());
    }

    @Test
    void listWorkflowsFindsThemById() throws Exception {
        dbos.startWorkflow(() -> probes.announce("k", "listed"), new StartWorkflowOptions("listed-1")).getResult();
        List<WorkflowStatus> found = dbos.listWorkflows(new ListWorkflowsInput().withWorkflowIds(List.of("listed-1")));
        assertEquals(1, found.size());
        assertEquals(WorkflowState.SUCCESS, found.get(0).status());
    }

    @Test
    void cancelThenResume() throws Exception {
        WorkflowHandle<String, RuntimeException> h = dbos.startWorkflow(() -> probes.awaitMessage("go", 60),
                new StartWorkflowOptions("cancel-resume"));
        dbos.cancelWorkflow("cancel-resume");
        assertEquals(WorkflowState.CANCELLED, dbos.getWorkflowStatus("cancel-resume").orElseThrow().status());
        WorkflowHandle<String, RuntimeException> resumed = dbos.resumeWorkflow("cancel-resume");
        dbos.send("cancel-resume", "went", "go");
        assertEquals("went", resumed.getResult());
        assertEquals(WorkflowState.SUCCESS, h.getStatus().status());
    }

    @Test
    void forkRunsAgainFromAStep() throws Exception {
        String id = "fork-source";
        dbos.startWorkflow(() -> reminders.remind("bob@example.com", 100), new StartWorkflowOptions(id)).getResult();
        WorkflowHandle<String, SQLException> fork = dbos.forkWorkflow(id, 2);
        assertEquals("reminded bob@example.com", fork.getResult());
        assertEquals(id, fork.getStatus().forkedFrom());
        assertEquals(1, sends(outbox, id, "confirmation"), "the source's sends are its own");
        assertEquals(0, sends(outbox, fork.workflowId(), "confirmation"), "the fork starts after the confirmation step");
        assertEquals(1, sends(outbox, fork.workflowId(), "reminder"));
    }
}
