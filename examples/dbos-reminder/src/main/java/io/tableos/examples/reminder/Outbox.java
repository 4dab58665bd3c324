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

    private final String jdbcUrl;
    private final Properties credentials;

    public Outbox(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
    }

    public void createTable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigserial PRIMARY KEY, workflow_id text NOT NULL, "
                    + "kind text NOT NULL, email text NOT NULL, sent_at timestamptz NOT NULL DEFAULT now())");
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
