package io.tableos.db.sql.engine;

import io.tableos.db.sql.session.Notification;
import io.tableos.db.txn.TransactionManager;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LISTEN/NOTIFY fan-out on this node. The transaction manager calls {@link #deliver} for
 * every NOTIFY applied from the replicated log (commits of this node and of others alike,
 * so a notification is delivered once), on its apply thread: delivery only hands the
 * notification to each listening session's subscriber, which must not block.
 */
final class NotificationHub implements TransactionManager.NotificationSink {

    /** A session's side of the hub. */
    interface Subscriber {
        void notificationArrived(Notification notification);
    }

    private final Map<String, Set<Subscriber>> listeners = new ConcurrentHashMap<>();

    void listen(String channel, Subscriber subscriber) {
        listeners.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    void unlisten(String channel, Subscriber subscriber) {
        listeners.computeIfPresent(channel, (c, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void deliver(int senderProcessId, String channel, String payload) {
        Set<Subscriber> subscribers = listeners.get(channel);
        if (subscribers == null) return;
        Notification n = new Notification(senderProcessId, channel, payload == null ? "" : payload);
        for (Subscriber s : subscribers) s.notificationArrived(n);
    }

    int channelCount() {
        return listeners.size();
    }
}
