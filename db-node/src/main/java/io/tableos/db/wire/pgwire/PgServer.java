package io.tableos.db.wire.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.wire.pgwire.auth.UserDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL protocol v3 server on Netty (NIO). Usage:
 * <pre>
 *   PgServer server = new PgServer(engine, users, PgServerConfig.defaults());
 *   server.start("0.0.0.0", 5432);   // port 0 = ephemeral; server.port() tells the bound one
 *   ...
 *   server.close();
 * </pre>
 * Pipeline per connection: [tls] → {@link FrameDecoder} → {@link StartupHandler}, replaced by
 * {@link SessionHandler} once authenticated. SQL runs on the connection's own event loop
 * thread ({@link ConnectionLoops}), or on the configured worker executor when one is given,
 * never on a shared event loop; a connection's messages run one at a time, in order.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    /** TCP connections (incl. those still in startup) allowed beyond maxConnections before refusing at accept. */
    private static final int STARTUP_CONNECTION_SLACK = 64;

    private final SqlEngine engine;
    private final UserDirectory users;
    private final PgServerConfig config;
    private final AtomicInteger openChannels = new AtomicInteger();
    private ServerContext context;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ExecutorService ownedWorkers;
    private Channel serverChannel;
    private int port = -1;

    public PgServer(SqlEngine engine, UserDirectory users, PgServerConfig config) {
        this.engine = engine;
        this.users = users;
        this.config = config;
    }

    /** Binds and starts accepting; returns once listening. */
    public synchronized PgServer start(String host, int requestedPort) throws IOException {
        if (serverChannel != null) throw new IllegalStateException("already started");
        SslContext ssl = buildSslContext();
        Executor workers = config.workerExecutor();
        // Without a given executor, each connection's SQL runs on its own event loop thread
        // (ConnectionLoops); the owned pool below then only serves the user lookups of startup.
        boolean sessionsOnConnectionLoop = workers == null;
        if (workers == null) {
            // A session's task may block (a row lock held by another session, a commit waiting for
            // Raft), so there is a thread for every connection: with fewer, blocked sessions could
            // starve the very session whose COMMIT would release them. Idle threads time out.
            int threads = config.workerThreads() > 0 ? config.workerThreads() : config.maxConnections();
            // Each connection has at most one task queued (SessionWorker.scheduled), so the queue is
            // bounded by the connection count even though the queue type is not.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new DefaultThreadFactory("pgwire-worker", true));
            pool.allowCoreThreadTimeOut(true);
            ownedWorkers = pool;
            workers = ownedWorkers;
        }
        context = new ServerContext(engine, users, config, workers, sessionsOnConnectionLoop, ssl);
        NettyTransport transport = NettyTransport.choose();
        acceptGroup = transport.newGroup(1, new DefaultThreadFactory("pgwire-accept", true));
        ioGroup = sessionsOnConnectionLoop ? new ConnectionLoops(transport)
                : transport.newGroup(0, new DefaultThreadFactory("pgwire-io", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.outboundHighWaterBytes() / 2, config.outboundHighWaterBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (openChannels.incrementAndGet() > config.maxConnections() + STARTUP_CONNECTION_SLACK) {
                            openChannels.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> openChannels.decrementAndGet());
                        ch.pipeline().addLast("frames", new FrameDecoder(config.maxMessageBytes()));
                        ch.pipeline().addLast("startup", new StartupHandler(context));
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, requestedPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding", e);
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("PostgreSQL protocol server listening on {}:{} (auth {}, TLS {}, sockets {})", host, port, config.authMode(),
                ssl == null ? "off" : "on", transport.name().toLowerCase(Locale.ROOT));
        return this;
    }

    private SslContext buildSslContext() throws IOException {
        if (config.tlsCertificateFile() == null) return null;
        try {
            return SslContextBuilder.forServer(config.tlsCertificateFile().toFile(), config.tlsKeyFile().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot load the TLS certificate or key", e);
        }
    }

    /** The bound port (useful after {@code start(host, 0)}). */
    public int port() {
        if (port < 0) throw new IllegalStateException("not started");
        return port;
    }

    /** Sessions past authentication now. */
    public int sessionCount() {
        return context == null ? 0 : context.admittedSessions();
    }

    /** Stops accepting, closes every connection (their sessions roll back), stops the threads it owns. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (ioGroup != null) {
            if (ioGroup instanceof ConnectionLoops loops) loops.shutdownConnections();
            ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            ioGroup = null;
        }
        if (acceptGroup != null) {
            acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptGroup = null;
        }
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
            try {
                if (!ownedWorkers.awaitTermination(5, TimeUnit.SECONDS)) ownedWorkers.shutdownNow();
            } catch (InterruptedException e) {
                ownedWorkers.shutdownNow();
                Thread.currentThread().interrupt();
            }
            ownedWorkers = null;
        }
    }
}
