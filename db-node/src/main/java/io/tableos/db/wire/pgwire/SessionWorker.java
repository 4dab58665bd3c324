package io.tableos.db.wire.pgwire;

import io.netty.channel.Channel;
import io.tableos.db.sql.session.Notification;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.types.DbException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's protocol on its own event loop (or the worker executor): at most one task at a time per
 * connection ({@link #scheduled}), messages strictly in arrival order. The event loop only
 * enqueues frames and calls {@link #schedule}; everything touching the {@link SqlSession},
 * the {@link QueryProtocol} and the {@link MessageWriter} happens inside {@link #run}.
 *
 * <p>Backpressure: a step streaming rows stops between slices while the channel is not
 * writable ({@code outboundHighWaterBytes}); the writability event reschedules it. Reading
 * stops while more than {@code maxInboundQueuedBytes} wait here.
 *
 * <p>Notifications arrive from any thread; they are written between messages when no
 * statement is in progress, then flushed.
 */
final class SessionWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWorker.class);

    private final Channel channel;
    private final ServerContext server;
    private final MessageWriter writer;
    private final Map<String, String> startupParameters;

    private final Queue<Frame> inbound = new ConcurrentLinkedQueue<>();
    private final AtomicLong inboundQueuedBytes = new AtomicLong();
    private final Queue<Notification> notifications = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedNotifications = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closeRequested;
    private volatile boolean closed;
    /** Published at the end of a run so {@link #needsRun} can be read from any thread. */
    private volatile boolean pausedForWritability;
    private volatile boolean idle;
    /** Orders a cancel request against the worker going idle (see {@link #cancel}). */
    private final Object cancelLock = new Object();
    /** Set once the session is open; read by {@link #cancel} from the cancelling connection's thread. */
    private volatile SqlSession cancelTarget;

    // Confined to the task running now.
    private SqlSession session;
    private QueryProtocol protocol;
    private int secretKey;

    SessionWorker(Channel channel, ServerContext server, MessageWriter writer, Map<String, String> startupParameters) {
        this.channel = channel;
        this.server = server;
        this.writer = writer;
        this.startupParameters = startupParameters;
    }

    // ---- any thread ------------------------------------------------------------------------

    void enqueue(Frame frame) {
        // Sized before it is queued: once queued, the worker may process and release it at once.
        int bytes = frame.wireBytes();
        inbound.add(frame);
        if (inboundQueuedBytes.addAndGet(bytes) > server.config().maxInboundQueuedBytes()) {
            channel.config().setAutoRead(false);
        }
        if (closed) releaseQueuedFrames();
        schedule();
    }

    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                // On its own loop a connection's task runs on the thread that read its frames:
                // queued behind the current read, so Bind/Execute/Sync of one packet drain together.
                if (server.sessionsOnConnectionLoop) channel.eventLoop().execute(this);
                else server.workers.execute(this);
            } catch (RuntimeException e) {
                scheduled.set(false);
                LOG.error("worker executor refused a connection task; closing the connection", e);
                channel.close();
            }
        }
    }

    void requestClose() {
        closeRequested = true;
        schedule();
    }

    private void onNotification(Notification notification) {
        if (queuedNotifications.incrementAndGet() > server.config().maxQueuedNotifications()) {
            queuedNotifications.decrementAndGet();
            LOG.warn("dropping a notification on channel {}: {} already queued for a slow connection",
                    notification.channel(), server.config().maxQueuedNotifications());
            return;
        }
        notifications.add(notification);
        schedule();
    }

    /**
     * A CancelRequest for this connection (any thread). Forwarded to the session only while a
     * request is queued or running; once the worker has gone idle it is ignored, as in
     * PostgreSQL, so a late cancel (pgJDBC's query timeout firing as the statement ends)
     * cannot fail the next statement.
     */
    void cancel() {
        SqlSession target = cancelTarget;
        if (target == null) return;
        synchronized (cancelLock) {
            if (idle && inbound.isEmpty()) return;
            target.cancel();
        }
    }

    private boolean needsRun() {
        if (closed) return false;
        if (closeRequested) return true;
        if (pausedForWritability) return channel.isWritable();
        return !inbound.isEmpty() || (idle && !notifications.isEmpty());
    }

    // ---- the worker task -------------------------------------------------------------------

    @Override
    public void run() {
        try {
            drain();
        } catch (Throwable t) {
            // A bug below the protocol layer; the connection's state is unknown, so end it.
            LOG.error("connection {} failed", channel.remoteAddress(), t);
            closeRequested = true;
            channel.close();
            cleanup();
        } finally {
            scheduled.set(false);
            if (needsRun()) schedule();
        }
    }

    private void drain() {
        if (closed) return;
        if (closeRequested) {
            cleanup();
            return;
        }
        if (session == null && !openSession()) return;
        pausedForWritability = false;
        idle = false;
        while (!closeRequested) {
            if (protocol.hasRunnableStep()) {
                if (!channel.isWritable()) {
                    writer.flush();
                    pausedForWritability = true;
                    return;
                }
                protocol.runStep();
                continue;
            }
            Frame frame = inbound.poll();
            if (frame == null) break;
            consumed(frame);
            try {
                protocol.dispatch(frame);
            } finally {
                frame.release();
            }
        }
        if (closeRequested) {
            cleanup();
            return;
        }
        if (!protocol.busy()) {
            writeNotifications();
            goIdle();
        }
        writer.flush();
    }

    private void goIdle() {
        synchronized (cancelLock) {
            idle = true;
            // A frame queued meanwhile is a new request a cancel may already be aimed at.
            if (inbound.isEmpty()) session.discardCancel();
        }
    }

    private void consumed(Frame frame) {
        long left = inboundQueuedBytes.addAndGet(-frame.wireBytes());
        if (left <= server.config().maxInboundQueuedBytes() / 2 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    private boolean openSession() {
        try {
            session = server.engine.openSession(startupParameters);
        } catch (RuntimeException e) {
            DbException error = ErrorReports.toDbException(e, "opening a session");
            writer.errorResponse("FATAL", error);
            writer.flushAndClose();
            closeRequested = true;
            cleanup();
            return false;
        }
        secretKey = server.random.nextInt();
        cancelTarget = session;
        server.cancelRegistry.register(session.processId(), secretKey, this);
        session.setNotificationListener(this::onNotification);
        for (Map.Entry<String, String> setting : session.reportedSettings().entrySet()) {
            writer.parameterStatus(setting.getKey(), setting.getValue());
        }
        session.takeChangedReportedSettings(); // all were just reported
        writer.backendKeyData(session.processId(), secretKey);
        writer.readyForQuery(session.transactionStatus());
        writer.flush();
        protocol = new QueryProtocol(session, writer, server.config(), this::terminate);
        return true;
    }

    private void writeNotifications() {
        Notification n;
        while ((n = notifications.poll()) != null) {
            queuedNotifications.decrementAndGet();
            writer.notificationResponse(n.senderProcessId(), n.channel(), n.payload());
        }
    }

    /** Terminate or a FATAL error: stop processing; what is buffered goes out, then the socket closes. */
    private void terminate() {
        closeRequested = true;
        writer.flushAndClose();
    }

    private void cleanup() {
        if (closed) return;
        closed = true;
        try {
            if (protocol != null) protocol.abort();
        } catch (RuntimeException e) {
            LOG.warn("releasing the protocol state of {} failed", channel.remoteAddress(), e);
        }
        if (session != null) {
            server.cancelRegistry.unregister(session.processId(), this);
            try {
                session.setNotificationListener(n -> {});
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the session of {} failed", channel.remoteAddress(), e);
            }
        }
        releaseQueuedFrames();
        notifications.clear();
        writer.discard();
    }

    private void releaseQueuedFrames() {
        Frame f;
        while ((f = inbound.poll()) != null) f.release();
    }
}
