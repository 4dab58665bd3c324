package io.tableos.db.wire.pgwire;

import io.netty.handler.ssl.SslContext;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.wire.pgwire.auth.UserDirectory;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connection of one server shares; all members are thread-safe. */
final class ServerContext {
    final SqlEngine engine;
    final UserDirectory users;
    final PgServerConfig config;
    final Executor workers;
    /** True when sessions run on their connection's own event loop (ConnectionLoops), not on {@link #workers}. */
    final boolean sessionsOnConnectionLoop;
    /** Null when TLS is not configured. */
    final SslContext sslContext;
    final CancelRegistry cancelRegistry = new CancelRegistry();
    final SecureRandom random = new SecureRandom();
    /** Derives stable fake salts for unknown users (no user enumeration). */
    final byte[] mockAuthSecret = new byte[32];
    private final AtomicInteger admittedSessions = new AtomicInteger();

    ServerContext(SqlEngine engine, UserDirectory users, PgServerConfig config, Executor workers, SslContext sslContext) {
        this(engine, users, config, workers, false, sslContext);
    }

    ServerContext(SqlEngine engine, UserDirectory users, PgServerConfig config, Executor workers,
                  boolean sessionsOnConnectionLoop, SslContext sslContext) {
        this.engine = engine;
        this.users = users;
        this.config = config;
        this.workers = workers;
        this.sessionsOnConnectionLoop = sessionsOnConnectionLoop;
        this.sslContext = sslContext;
        random.nextBytes(mockAuthSecret);
    }

    PgServerConfig config() {
        return config;
    }

    /** Takes a session slot; false when {@code maxConnections} are already admitted. */
    boolean tryAdmit() {
        while (true) {
            int n = admittedSessions.get();
            if (n >= config.maxConnections()) return false;
            if (admittedSessions.compareAndSet(n, n + 1)) return true;
        }
    }

    void release() {
        int n = admittedSessions.decrementAndGet();
        assert n >= 0 : "released more sessions than admitted";
    }

    int admittedSessions() {
        return admittedSessions.get();
    }
}
