package io.tableos.db.sql.session;

/** A NOTIFY delivered to a listening session. */
public record Notification(int senderProcessId, String channel, String payload) {}
