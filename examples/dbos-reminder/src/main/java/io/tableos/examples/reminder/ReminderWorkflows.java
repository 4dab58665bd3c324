package io.tableos.examples.reminder;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.StepOptions;
import dev.dbos.transact.workflow.Workflow;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The reminder workflow: two steps around a durable sleep. DBOS Transact checkpoints each step's
 * completion and the sleep's end time in its system database (here a TableOS cluster), so after
 * a crash of the app or of a database node the workflow resumes where it stopped and never
 * repeats a completed step.
 */
public final class ReminderWorkflows implements Reminders {
    /** A send that fails (the cluster electing a new leader, say) is tried again: failover takes seconds. */
    static final int SEND_ATTEMPTS = 20;
    static final Duration SEND_RETRY_INTERVAL = Duration.ofMillis(500);

    private static StepOptions step(String name) {
        return new StepOptions(name).withMaxAttempts(SEND_ATTEMPTS).withRetryInterval(SEND_RETRY_INTERVAL);
    }

    private final DBOS dbos;
    private final Outbox outbox;

    public ReminderWorkflows(DBOS dbos, Outbox outbox) {
        this.dbos = dbos;
        this.outbox = outbox;
    }

    @Override
    @Workflow(name = "reminder_workflow")
    public String remind(String email, long delayMillis) throws SQLException {
        String id = DBOS.workflowId();
        dbos.runStep(() -> outbox.send(id, "confirmation", email), step("send_confirmation"));
        dbos.sleep(Duration.ofMillis(delayMillis));
        dbos.runStep(() -> outbox.send(id, "reminder", email), step("send_reminder"));
        return "reminded " + email;
    }
}
