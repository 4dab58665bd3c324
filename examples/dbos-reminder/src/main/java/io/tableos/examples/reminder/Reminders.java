package io.tableos.examples.reminder;

/** The workflows of the example, as DBOS Transact proxies them (registered with {@code DBOS.registerProxy}). */
public interface Reminders {
    /**
     * Sends a confirmation to {@code email} now and a reminder after {@code delayMillis}, each
     * exactly once whatever crashes in between (the sleep is durable: its end time is a row).
     */
    String remind(String email, long delayMillis) throws java.sql.SQLException;
}
