package io.tableos.db.wire.pgwire;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * Limits and options of a {@link PgServer}. Every quantity a client can grow has a named
 * maximum here; reaching it answers with an error (or pauses reading), never an
 * out-of-memory crash.
 *
 * @param maxConnections                 sessions admitted at once; the next StartupMessage gets FATAL 53300
 * @param maxMessageBytes                largest regular message (Query, Bind, CopyData, ...); larger → FATAL 08P01
 * @param maxParametersPerStatement      parameters a Bind may carry (protocol maximum 65535)
 * @param maxPreparedStatementsPerSession named prepared statements per session; beyond → 53400
 * @param maxPortalsPerSession           open portals per session; beyond → 53400
 * @param maxInboundQueuedBytes          decoded but unprocessed message bytes per connection; above it
 *                                       the connection stops reading until the worker catches up
 * @param outboundHighWaterBytes         bytes queued for the socket above which the channel is not
 *                                       writable and result streaming pauses
 * @param authMode                       how clients authenticate
 * @param tlsCertificateFile             PEM certificate chain, or null for no TLS (SSLRequest answered 'N')
 * @param tlsKeyFile                     PEM PKCS#8 private key, or null
 * @param workerExecutor                 runs SQL work; null = a pool of {@code workerThreads} owned by the server
 * @param workerThreads                  size of the owned pool (0 = maxConnections: any session may block on a lock or a commit)
 * @param rowsPerSlice                   rows fetched between two writability checks
 * @param batchBytes                     outbound buffer size that triggers a write while streaming
 * @param authenticationTimeoutMillis    time a connection may take to finish startup and authentication
 * @param maxQueuedNotifications         notifications held per idle-waiting connection; more are dropped (logged)
 */
public record PgServerConfig(
        int maxConnections,
        int maxMessageBytes,
        int maxParametersPerStatement,
        int maxPreparedStatementsPerSession,
        int maxPortalsPerSession,
        int maxInboundQueuedBytes,
        int outboundHighWaterBytes,
        AuthMode authMode,
        Path tlsCertificateFile,
        Path tlsKeyFile,
        Executor workerExecutor,
        int workerThreads,
        int rowsPerSlice,
        int batchBytes,
        long authenticationTimeoutMillis,
        int maxQueuedNotifications) {

    /** Startup packets are small; PostgreSQL caps them at 10,000 bytes too. */
    public static final int MAX_STARTUP_PACKET_BYTES = 10_000;
    /**
     * Parameter bytes (Bind message sizes) all open portals of a session may hold together;
     * beyond → 53400. Portals live until their transaction ends, so this bounds a client that
     * binds without closing.
     */
    public static final long MAX_PORTAL_BYTES_PER_SESSION = 256L << 20;
    /**
     * Portals of a session holding an open (suspended) result; beyond → 53400. A suspended
     * result may hold a sort or hash table (each bounded by the executor's limits), so their
     * number is what bounds a session's result memory. pgJDBC opens one per result set read with
     * a fetch size.
     */
    public static final int MAX_OPEN_RESULTS_PER_SESSION = 64;
    /**
     * Largest regular message by default: a 64 MiB bytea value sent as hex in a simple Query
     * (two characters a byte) with its statement; a Bind or CopyData carrying it needs half.
     * PostgreSQL's own bound is 1 GB.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 160 << 20;
    /** The protocol's own limit (parameter counts are int16). */
    public static final int PROTOCOL_MAX_PARAMETERS = 65_535;

    public enum AuthMode {
        /** SCRAM-SHA-256 for everyone (the default). */
        SCRAM_SHA_256,
        /** No password for anyone: for tests and single-user development. */
        TRUST,
        /** No password from loopback addresses, SCRAM-SHA-256 from elsewhere. */
        TRUST_LOOPBACK
    }

    public PgServerConfig {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections < 1");
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes < 1024");
        if (maxParametersPerStatement < 0 || maxParametersPerStatement > PROTOCOL_MAX_PARAMETERS)
            throw new IllegalArgumentException("maxParametersPerStatement outside 0..65535");
        if (maxPreparedStatementsPerSession < 1 || maxPortalsPerSession < 1)
            throw new IllegalArgumentException("statement and portal limits must be >= 1");
        if (maxInboundQueuedBytes < 1 || outboundHighWaterBytes < 1024 || rowsPerSlice < 1 || batchBytes < 256)
            throw new IllegalArgumentException("buffer limits too small");
        if ((tlsCertificateFile == null) != (tlsKeyFile == null))
            throw new IllegalArgumentException("TLS needs both a certificate file and a key file");
        if (authMode == null) throw new IllegalArgumentException("authMode");
    }

    public static PgServerConfig defaults() {
        return new PgServerConfig(100, DEFAULT_MAX_MESSAGE_BYTES, PROTOCOL_MAX_PARAMETERS, 10_000, 1_000,
                8 << 20, 1 << 20, AuthMode.SCRAM_SHA_256, null, null, null, 0, 256, 64 << 10,
                60_000, 10_000);
    }

    public PgServerConfig withMaxConnections(int value) {
        return new PgServerConfig(value, maxMessageBytes, maxParametersPerStatement, maxPreparedStatementsPerSession,
                maxPortalsPerSession, maxInboundQueuedBytes, outboundHighWaterBytes, authMode, tlsCertificateFile,
                tlsKeyFile, workerExecutor, workerThreads, rowsPerSlice, batchBytes, authenticationTimeoutMillis,
                maxQueuedNotifications);
    }

    public PgServerConfig withMaxMessageBytes(int value) {
        return new PgServerConfig(maxConnections, value, maxParametersPerStatement, maxPreparedStatementsPerSession,
                maxPortalsPerSession, maxInboundQueuedBytes, outboundHighWaterBytes, authMode, tlsCertificateFile,
                tlsKeyFile, workerExecutor, workerThreads, rowsPerSlice, batchBytes, authenticationTimeoutMillis,
                maxQueuedNotifications);
    }

    public PgServerConfig withStatementLimits(int maxParameters, int maxPreparedStatements, int maxPortals) {
        return new PgServerConfig(maxConnections, maxMessageBytes, maxParameters, maxPreparedStatements,
                maxPortals, maxInboundQueuedBytes, outboundHighWaterBytes, authMode, tlsCertificateFile,
                tlsKeyFile, workerExecutor, workerThreads, rowsPerSlice, batchBytes, authenticationTimeoutMillis,
                maxQueuedNotifications);
    }

    public PgServerConfig withBuffers(int inboundQueuedBytes, int outboundHighWater, int sliceRows, int batch) {
        return new PgServerConfig(maxConnections, maxMessageBytes, maxParametersPerStatement,
                maxPreparedStatementsPerSession, maxPortalsPerSession, inboundQueuedBytes, outboundHighWater,
                authMode, tlsCertificateFile, tlsKeyFile, workerExecutor, workerThreads, sliceRows, batch,
                authenticationTimeoutMillis, maxQueuedNotifications);
    }

    public PgServerConfig withAuthMode(AuthMode value) {
        return new PgServerConfig(maxConnections, maxMessageBytes, maxParametersPerStatement,
                maxPreparedStatementsPerSession, maxPortalsPerSession, maxInboundQueuedBytes, outboundHighWaterBytes,
                value, tlsCertificateFile, tlsKeyFile, workerExecutor, workerThreads, rowsPerSlice, batchBytes,
                authenticationTimeoutMillis, maxQueuedNotifications);
    }

    public PgServerConfig withTls(Path certificateFile, Path keyFile) {
        return new PgServerConfig(maxConnections, maxMessageBytes, maxParametersPerStatement,
                maxPreparedStatementsPerSession, maxPortalsPerSession, maxInboundQueuedBytes, outboundHighWaterBytes,
                authMode, certificateFile, keyFile, workerExecutor, workerThreads, rowsPerSlice, batchBytes,
                authenticationTimeoutMillis, maxQueuedNotifications);
    }

    public PgServerConfig withWorkers(Executor executor, int threads) {
        return new PgServerConfig(maxConnections, maxMessageBytes, maxParametersPerStatement,
                maxPreparedStatementsPerSession, maxPortalsPerSession, maxInboundQueuedBytes, outboundHighWaterBytes,
                authMode, tlsCertificateFile, tlsKeyFile, executor, threads, rowsPerSlice, batchBytes,
                authenticationTimeoutMillis, maxQueuedNotifications);
    }
}
