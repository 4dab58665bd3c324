package io.tableos.services.msg.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer-group member's runtime: a poll thread long-polls {@code msg.fetch}, hands each batch
 * to the handler inside a transaction of its connection and, in that same transaction, commits
 * the batch's offsets, then COMMITs; a heartbeat thread keeps the membership alive. Where the
 * node runs procedures inside client transactions, whatever the handler writes or publishes
 * through the given connection commits atomically with the offsets: each message's effects
 * happen exactly once, even when the consumer, its connection or the leader fails midway (a
 * failed transaction rolls back and the next fetch returns the same messages again).
 *
 * <p>Bounds: at most one batch (Options.maxMessages and maxBytes) is held at a time. A commit the
 * group refuses (40001: it rebalanced) rolls the batch back; a membership the group dropped
 * (42704: the session expired) makes the consumer join again under a new id.
 */
public final class Consumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);
    /** Pause after a failed SQL call before the thread tries again (the leader may be changing). */
    static final long ERROR_PAUSE_MILLIS = 200;

    /** Handles one batch inside the transaction of {@code transaction}; throwing rolls the batch back (it is fetched again). */
    @FunctionalInterface
    public interface Handler {
        void handle(List<Message> batch, Connection transaction) throws Exception;
    }

    /** Opens a connection to the cluster (the poll and heartbeat threads each hold one). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    public record Options(int maxMessages, long maxBytes, int waitMillis, int sessionTimeoutMillis) {
        public static Options defaults() {
            return new Options(100, 16L * 1024 * 1024, 1_000, 10_000);
        }

        public Options withMaxMessages(int n) { return new Options(n, maxBytes, waitMillis, sessionTimeoutMillis); }
        public Options withSessionTimeoutMillis(int m) { return new Options(maxMessages, maxBytes, waitMillis, m); }
    }

    private final Connections connections;
    private final String group;
    private final String topic;
    private final String name;
    private final Handler handler;
    private final Options options;
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong batchesRolledBack = new AtomicLong();
    private Thread pollThread;
    private Thread heartbeatThread;
    private volatile boolean stopping;
    private volatile long member = -1;
    /** Set by the heartbeat thread when the group no longer knows the member: the poll thread joins again. */
    private volatile boolean rejoin;

    public Consumer(Connections connections, String group, String topic, String name, Handler handler, Options options) {
        this.connections = connections;
        this.group = group;
        this.topic = topic;
        this.name = name;
        this.handler = handler;
        this.options = options;
    }

    /** Joins the group and starts the threads; returns the member id. */
    public long start() throws SQLException {
        try (Connection c = connections.open()) {
            member = new GroupCalls(c).join(group, topic, name, options.sessionTimeoutMillis()).member();
        }
        pollThread = daemon(this::pollLoop, "msg-poll-" + name);
        heartbeatThread = daemon(this::heartbeatLoop, "msg-heartbeat-" + name);
        pollThread.start();
        heartbeatThread.start();
        return member;
    }

    public long member() { return member; }
    public long batchesCommitted() { return batchesCommitted.get(); }
    public long batchesRolledBack() { return batchesRolledBack.get(); }

    private void pollLoop() {
        GroupCalls calls = null;
        while (!stopping) {
            try {
                if (calls == null) calls = new GroupCalls(connections.open());
                calls.connection().setAutoCommit(true);
                if (rejoin) {
                    member = calls.join(group, topic, name, options.sessionTimeoutMillis()).member();
                    rejoin = false;
                }
                // The fetch is a call of its own (a long-poll does not hold a transaction open); it moves no position.
                List<Message> batch = calls.fetch(group, member, options.maxMessages(), options.waitMillis(), options.maxBytes());
                if (!batch.isEmpty()) process(calls, batch);
            } catch (SQLException e) {
                batchesRolledBack.incrementAndGet();
                if ("42704".equals(e.getSQLState())) rejoin = true;
                calls = recover(e, calls);
            } catch (Exception e) {
                batchesRolledBack.incrementAndGet();
                LOG.warn("consumer {}: handler failed, the batch is fetched again: {}", name, e.toString());
                calls = recover(null, calls);
            }
        }
    }

    private void process(GroupCalls calls, List<Message> batch) throws Exception {
        Map<Integer, Long> next = new TreeMap<>();
        for (Message m : batch) next.merge(m.partition(), m.offset() + 1, Math::max);
        calls.connection().setAutoCommit(false);
        handler.handle(batch, calls.connection());
        calls.commitOffsets(group, member, batch.get(0).generation(), next);
        calls.connection().commit();
        batchesCommitted.incrementAndGet();
    }

    /**
     * Rolls back; keeps the connection after an error the server reported (a refused commit, a
     * failed handler) and replaces it after a broken one. Pauses unless the group merely
     * rebalanced (40001: fetch again at once), so a node that is not ready (55000) is not spun on.
     */
    private GroupCalls recover(SQLException e, GroupCalls calls) {
        String state = e == null ? null : e.getSQLState();
        boolean reported = e == null || (state != null && !state.startsWith("08"));
        if (!stopping && e != null) LOG.warn("consumer {}: {} ({})", name, e.getMessage(), state);
        if (!"40001".equals(state)) pause();
        if (calls == null) return null;
        try {
            if (!calls.connection().getAutoCommit()) calls.connection().rollback();
            if (reported) return calls;
        } catch (SQLException ignored) {
            // the connection is broken: replaced below
        }
        close(calls);
        return null;
    }

    private void heartbeatLoop() {
        GroupCalls calls = null;
        long periodMillis = Math.max(10, options.sessionTimeoutMillis() / 3);
        while (!stopping) {
            try {
                Thread.sleep(periodMillis);  // the heartbeat period itself, not synchronisation
                if (calls == null) calls = new GroupCalls(connections.open());
                if (!rejoin) calls.heartbeat(group, member);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                if ("42704".equals(e.getSQLState())) {
                    rejoin = true;
                    continue;
                }
                if (!stopping) LOG.warn("consumer {}: heartbeat failed, reconnecting: {}", name, e.getMessage());
                close(calls);
                calls = null;
                pause();
            }
        }
        close(calls);
    }

    private static void close(GroupCalls calls) {
        if (calls == null) return;
        try {
            calls.connection().close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);  // back-off before reconnecting, not synchronisation
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the batch in hand, then leaves the group so its partitions move at once. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        heartbeatThread.interrupt();
        pollThread.join(60_000);
        heartbeatThread.join(60_000);
        try (Connection c = connections.open()) {
            new GroupCalls(c).leave(group, member);
        } catch (SQLException e) {
            LOG.warn("consumer {}: leave failed ({}); its session expires instead", name, e.getMessage());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
