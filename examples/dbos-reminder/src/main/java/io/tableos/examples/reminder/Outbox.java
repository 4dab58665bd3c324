package io.tableos.examples.reminder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where the example "sends" mail: one row per send in {@code reminder_outbox}, on the same
 * TableOS cluster. A row per attempt (no dedup key), so a step that ran twice shows as two rows:
 * the tests count them.
 */
public final class Outbox {
    public static final String TABLE = "reminder_outbox";

    /** How long setup keeps trying while the cluster has no leader. */
    static final long SETUP_RETRY_MILLIS = 60_000;

    private final String jdbcUrl;
    private final Properties credentials;

    public Outbox(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
    }

    /**
     * Creates the outbox table if missing, trying again for up to {@link #SETUP_RETRY_MILLIS} while
     * the cluster elects a leader (connection lost, 08007 "may still happen", read-only 25006).
     */
    public void createTable() throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + SETUP_RETRY_MILLIS;
        while (true) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigserial PRIMARY KEY, workflow_id text NOT NULL, "
                        + "kind text NOT NULL, email text NOT NULL, sent_at timestamptz NOT NULL DEFAULT now())");
                return;
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "08000" : e.getSQLState();
                boolean transient_ = state.startsWith("08") || state.equals("25006") || state.startsWith("57P");
                if (!transient_ || System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(500);
            }
        }
    }

    /** Records one send of {@code kind} ("confirmation" or "reminder") for a workflow. */
    public void send(String workflowId, String kind, String email) throws SQLException {
        try (Connection c = connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (workflow_id, kind, email) VALUES (?, ?, ?)")) {
            insert.setString(1, workflowId);
            insert.setString(2, kind);
            insert.setString(3, email);
            insert.executeUpdate();
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, credentials);
    }
}
