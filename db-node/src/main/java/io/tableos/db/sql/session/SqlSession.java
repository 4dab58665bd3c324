package io.tableos.db.sql.session;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One client's session: its settings, its transaction, its prepared statements' plans.
 * Not thread-safe: the wire layer runs one call at a time per session, on a worker thread
 * (never on an event-loop thread, since calls may wait for a Raft commit). Only
 * {@link #cancel()} may be called from another thread.
 *
 * <p>Errors are thrown as {@link io.tableos.db.types.DbException}; after one inside a
 * transaction block the session is in the failed state until ROLLBACK.
 */
public interface SqlSession extends AutoCloseable {

    /** Splits a simple-query string into statement texts (quotes, dollar quotes and comments respected). */
    List<String> split(String queryString);

    /**
     * Parses and plans one statement. {@code parameterTypeOids} are the types the client
     * declared (0 = unspecified), possibly fewer than the statement uses; the result tells
     * every parameter's type and the result columns.
     */
    PreparedStatement prepare(String statementText, int[] parameterTypeOids);

    /**
     * Starts executing a prepared statement with bound parameters. Each parameter is null
     * (SQL NULL), a String (text format: the engine converts it to the parameter's type), or
     * an already decoded value of the parameter's type (binary format).
     */
    StatementResult execute(PreparedStatement statement, Object[] parameters);

    /**
     * Called by the wire layer at the end of a simple-query string or at Sync: commits an
     * implicit transaction (autocommit statements of an extended-protocol batch run as one
     * implicit transaction until Sync, as in PostgreSQL), or rolls it back after an error.
     */
    void endImplicitTransaction(boolean succeeded);

    /**
     * Called by the wire layer before the statements of a simple-query string of more than one: as in PostgreSQL they form an
     * implicit transaction block until {@link #endImplicitTransaction}, in which a procedure may not COMMIT or ROLLBACK.
     */
    default void beginImplicitBlock() {}

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    char transactionStatus();

    /** Settings changed since the last call whose new values must be sent as ParameterStatus. */
    Map<String, String> takeChangedReportedSettings();

    /** All settings reported at startup (server_version, client_encoding, DateStyle, ...). */
    Map<String, String> reportedSettings();

    /** Delivery target for LISTEN notifications; called from any thread. */
    void setNotificationListener(Consumer<Notification> listener);

    /**
     * Requests cancellation of the statement running now (from another thread); it fails with
     * 57014 at its next interrupt check. The request stays until {@link #discardCancel()}.
     */
    void cancel();

    /**
     * The wire layer found the session idle (no statement running or waiting): a cancel request
     * that arrived for a statement already finished is dropped, as PostgreSQL ignores one that
     * arrives between statements, so it cannot fail the next one.
     */
    void discardCancel();

    /** Backend process id reported in BackendKeyData and pg_backend_pid(). */
    int processId();

    /** Closes the session, rolling back any open transaction and dropping its LISTENs. */
    @Override
    void close();
}
