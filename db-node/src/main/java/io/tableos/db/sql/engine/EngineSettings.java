package io.tableos.db.sql.engine;

/**
 * Defaults and limits of the SQL engine. Everything a client can grow in a session has a
 * named maximum here; reaching it fails the statement with 54000.
 *
 * @param planCacheEntriesMax          prepared plans shared by all sessions (LRU beyond)
 * @param preparedStatementsMax        SQL-level PREPAREd statements per session
 * @param listenChannelsMax            LISTEN channels per session
 * @param pendingNotificationsMax      notifications queued for a session without a listener (oldest dropped beyond)
 * @param statementTimeoutMillis       default statement_timeout (0 = none)
 * @param copyLineBytesMax             longest COPY input line (a row); longer fails with 54000
 * @param copyCommitBytes              outside a transaction block, or with COPY ... (FREEZE), a COPY
 *                                     commits every time its buffered rows reach this many bytes, so a
 *                                     bulk load never exceeds the transaction write-set limit (a row
 *                                     larger than this commits with the few rows before it)
 * @param copyOutRowsPerFetchMax       rows a COPY TO holds at a time (it streams the query)
 * @param sessionDefaults              setting defaults of this node's sessions (its --set flags), below
 *                                     ALTER DATABASE ... SET and the client's startup options
 */
public record EngineSettings(int planCacheEntriesMax, int preparedStatementsMax, int listenChannelsMax,
                             int pendingNotificationsMax, long statementTimeoutMillis, int copyLineBytesMax,
                             long copyCommitBytes, int copyOutRowsPerFetchMax, java.util.Map<String, String> sessionDefaults) {

    /** A 64 MiB bytea value in COPY's text format (hex, two characters a byte, plus escapes). */
    public static final int COPY_LINE_BYTES_MAX = 160 << 20;

    public EngineSettings {
        if (planCacheEntriesMax < 1) throw new IllegalArgumentException("planCacheEntriesMax < 1");
        if (preparedStatementsMax < 1) throw new IllegalArgumentException("preparedStatementsMax < 1");
        if (listenChannelsMax < 1) throw new IllegalArgumentException("listenChannelsMax < 1");
        if (copyLineBytesMax < 1024) throw new IllegalArgumentException("copyLineBytesMax < 1024");
        if (copyCommitBytes < 1024) throw new IllegalArgumentException("copyCommitBytes < 1024");
    }

    /**
     * Defaults: 4096 plans, 1000 prepared statements and 1000 channels per session, no
     * statement timeout, lines of {@link #COPY_LINE_BYTES_MAX}, COPY commits every 1 MB (small
     * transactions keep replication smooth; a Raft entry holds far more).
     */
    public static EngineSettings defaults() {
        return new EngineSettings(4096, 1000, 1000, 10_000, 0, COPY_LINE_BYTES_MAX, 1 << 20, 1024, java.util.Map.of());
    }

    public EngineSettings withStatementTimeoutMillis(long millis) {
        return new EngineSettings(planCacheEntriesMax, preparedStatementsMax, listenChannelsMax, pendingNotificationsMax,
                millis, copyLineBytesMax, copyCommitBytes, copyOutRowsPerFetchMax, sessionDefaults);
    }

    public EngineSettings withCopyCommitBytes(long bytes) {
        return new EngineSettings(planCacheEntriesMax, preparedStatementsMax, listenChannelsMax, pendingNotificationsMax,
                statementTimeoutMillis, copyLineBytesMax, bytes, copyOutRowsPerFetchMax, sessionDefaults);
    }

    /** Setting defaults of this node's sessions (the node's --set flags), lower-case names. */
    public EngineSettings withSessionDefaults(java.util.Map<String, String> defaults) {
        return new EngineSettings(planCacheEntriesMax, preparedStatementsMax, listenChannelsMax, pendingNotificationsMax,
                statementTimeoutMillis, copyLineBytesMax, copyCommitBytes, copyOutRowsPerFetchMax, java.util.Map.copyOf(defaults));
    }
}
