package io.tableos.examples.reminder;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.WorkflowHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one reminder workflow against a TableOS cluster:
 * <pre>
 * java -cp ... io.tableos.examples.reminder.ReminderApp --url JDBC_URL --user U --password P \
 *      --email someone@example.com --delay-seconds 10 [--workflow-id ID]
 * </pre>
 * Started again with the same --workflow-id (after a crash, say) it does not start a second
 * workflow: DBOS recovers the pending one at launch and this waits for its result.
 */
public final class ReminderApp {
    private ReminderApp() {}

    public static final String APP_NAME = "tableos-reminder";

    /** Builds the DBOS instance with the workflows registered; the caller launches it. */
    public static Launched configure(String jdbcUrl, String user, String password) throws Exception {
        Outbox outbox = new Outbox(jdbcUrl, user, password);
        outbox.createTable();
        DBOSConfig config = DBOSConfig.defaults(APP_NAME).withDatabaseUrl(jdbcUrl).withDbUser(user).withDbPassword(password)
                .withAdminServer(false);
        DBOS dbos = new DBOS(config);
        Reminders reminders = dbos.registerProxy(Reminders.class, new ReminderWorkflows(dbos, outbox));
        return new Launched(dbos, reminders, outbox);
    }

    public record Launched(DBOS dbos, Reminders reminders, Outbox outbox) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        for (String required : new String[] {"url", "user", "password", "email"}) {
            if (!flags.containsKey(required)) {
                System.err.println("usage: ReminderApp --url JDBC_URL --user U --password P --email E [--delay-seconds N] [--workflow-id ID]");
                System.exit(2);
            }
        }
        Launched app = configure(flags.get("url"), flags.get("user"), flags.get("password"));
        try (DBOS dbos = app.dbos()) {
            dbos.launch();
            long delayMillis = Long.parseLong(flags.getOrDefault("delay-seconds", "10")) * 1000;
            String email = flags.get("email");
            StartWorkflowOptions options = flags.containsKey("workflow-id") ? new StartWorkflowOptions(flags.get("workflow-id"))
                    : new StartWorkflowOptions();
            WorkflowHandle<String, java.sql.SQLException> handle = dbos.startWorkflow(() -> app.reminders().remind(email, delayMillis), options);
            System.out.println("workflow " + handle.workflowId() + " started");
            System.out.println("workflow " + handle.workflowId() + ": " + handle.getResult());
        }
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            flags.put(args[i].substring(2), args[i + 1]);
        }
        return flags;
    }
}
