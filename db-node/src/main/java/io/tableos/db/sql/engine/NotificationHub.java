package io.tableos.db.sql.engine;

import io.tableos.db.sql.session.Notification;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's LISTEN registry: channel to listening sessions. The transaction manager's
 * notification sink calls {@link #deliver} for every NOTIFY applied from the log (on
 * every node), and each subscribed session's listener gets it. Thread-safe.
 */
final class NotificationHub {
    private final Map<String, Set<SqlSessionImpl>> listeners = new ConcurrentHashMap<>();

    void listen(String channel, SqlSessionImpl session) {
        listeners.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unlisten(String channel, SqlSessionImpl session) {
        Set<SqlSessionImpl> set = listeners.get(channel);
        if (set != null) set.remove(session);
    }

    void unlistenAll(SqlSessionImpl session) {
        for (Set<SqlSessionImpl> set : listeners.values()) set.remove(session);
    }

    void deliver(int senderProcessId, String channel, String payload) {
        Set<SqlSessionImpl> set = listeners.get(channel);
        if (set == null) return;
        Notification n = new Notification(senderProcessId, channel, payload);
        for (SqlSessionImpl s : set) s.deliver(n);
    }
}
