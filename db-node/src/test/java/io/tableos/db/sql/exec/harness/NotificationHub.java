package io.tableos.db.sql.exec.harness;

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
    private final Map<String, Set<HarnessSession>> listeners = new ConcurrentHashMap<>();

    void listen(String channel, HarnessSession session) {
        listeners.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void unlisten(String channel, HarnessSession session) {
        Set<HarnessSession> set = listeners.get(channel);
        if (set != null) set.remove(session);
    }

    void unlistenAll(HarnessSession session) {
        for (Set<HarnessSession> set : listeners.values()) set.remove(session);
    }

    void deliver(int senderProcessId, String channel, String payload) {
        Set<HarnessSession> set = listeners.get(channel);
        if (set == null) return;
        Notification n = new Notification(senderProcessId, channel, payload);
        for (HarnessSession s : set) s.deliver(n);
    }
}
