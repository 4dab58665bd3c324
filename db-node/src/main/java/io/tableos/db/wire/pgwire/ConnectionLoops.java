package io.tableos.db.wire.pgwire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The child event loop group of the server: every connection gets an event loop (one
 * thread, one selector) of its own, and its SQL runs on that thread. This is PostgreSQL's
 * process-per-connection model on Netty: a statement's request, execution and response
 * happen on one thread, with no hand-off to a worker and back (measured: two thread
 * wake-ups per round trip otherwise, 0.1-0.2 ms each on a busy 2-core machine), and a
 * session blocked on a row lock or a commit blocks nobody else.
 *
 * <p>Loops are created on demand; up to {@link #IDLE_LOOPS_KEPT} idle ones are kept for
 * the next connections, the rest shut down. Loops are of the server's {@link NettyTransport};
 * the inherited single (NIO) loop is unused.
 */
final class ConnectionLoops extends NioEventLoopGroup {
    /** Idle loops kept for reuse: connection churn should not start a thread per connect. */
    static final int IDLE_LOOPS_KEPT = 16;

    private final DefaultThreadFactory threads = new DefaultThreadFactory("pgwire-session", true);
    private final NettyTransport transport;
    private final ArrayDeque<MultithreadEventLoopGroup> idle = new ArrayDeque<>();
    private final Set<MultithreadEventLoopGroup> all = new HashSet<>();
    private boolean closed;

    ConnectionLoops(NettyTransport transport) {
        super(1, new DefaultThreadFactory("pgwire-unused", true));
        this.transport = transport;
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return register(channel.newPromise());
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        MultithreadEventLoopGroup loop = take();
        if (loop == null) {
            promise.setFailure(new IllegalStateException("server is shutting down"));
            return promise;
        }
        promise.channel().closeFuture().addListener(f -> giveBack(loop));
        return loop.register(promise);
    }

    @Deprecated
    @Override
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return register(promise);
    }

    private synchronized MultithreadEventLoopGroup take() {
        if (closed) return null;
        MultithreadEventLoopGroup loop = idle.pollFirst();
        if (loop == null) {
            loop = transport.newGroup(1, threads);
            all.add(loop);
        }
        return loop;
    }

    private void giveBack(MultithreadEventLoopGroup loop) {
        boolean keep;
        synchronized (this) {
            keep = !closed && idle.size() < IDLE_LOOPS_KEPT;
            if (keep) idle.addLast(loop);
            else all.remove(loop);
        }
        if (!keep) loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** Shuts down every connection's loop (their channels close), then waits for them. */
    void shutdownConnections() {
        List<MultithreadEventLoopGroup> loops;
        synchronized (this) {
            closed = true;
            loops = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        for (MultithreadEventLoopGroup loop : loops) loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        for (MultithreadEventLoopGroup loop : loops) loop.terminationFuture().syncUninterruptibly();
    }
}
