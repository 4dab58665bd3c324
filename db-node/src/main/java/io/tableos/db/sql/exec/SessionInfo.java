package io.tableos.db.sql.exec;

/** What an executing statement may ask of its session. */
public interface SessionInfo {
    String setting(String name);

    /** All settings, name to value (pg_settings). */
    java.util.Map<String, String> settings();

    /**
     * set_config: sets a setting as SET (SET LOCAL when {@code local}) would, a null value
     * resetting it; returns the value in effect afterwards.
     */
    default String setSetting(String name, String value, boolean local) {
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.FEATURE_NOT_SUPPORTED, "set_config needs a client session");
    }

    /**
     * Sets {@code name} for the length of a function call (CREATE FUNCTION ... SET) and returns the
     * value it replaces (null: unset), which the caller swaps back when the call ends.
     */
    default String swapSetting(String name, String value) {
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.FEATURE_NOT_SUPPORTED, "function settings need a client session");
    }

    int processId();

    /** The session's search_path, parsed. */
    default io.tableos.db.catalog.SearchPath searchPath() {
        return io.tableos.db.catalog.SearchPath.parse(setting("search_path"), userName());
    }

    String userName();

    String databaseName();

    /** True once cancel() was requested for the running statement. */
    boolean cancelRequested();

    /** This session's advisory locks (released when it ends). */
    io.tableos.db.sql.func.AdvisoryLocks advisoryLocks();

    /** Every session of this node, for pg_stat_activity. */
    default java.util.List<io.tableos.db.catalog.BackendActivity> backends() {
        return java.util.List.of();
    }

    /**
     * True inside BEGIN ... COMMIT: a service procedure called there runs in the session's
     * transaction instead of its own, so it commits or rolls back with the block.
     */
    default boolean inTransactionBlock() {
        return false;
    }

    /** Runs SQL for server-side functions and triggers in {@code transaction}. */
    default StatementRunner statementRunner(io.tableos.db.txn.Transaction transaction) {
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.FEATURE_NOT_SUPPORTED, "server-side functions need a client session");
    }

    /** Server-side functions and triggers. */
    default Routines routines() {
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.FEATURE_NOT_SUPPORTED, "server-side functions need a client session");
    }

    /**
     * Whether the routine body about to run may COMMIT or ROLLBACK: true only while a CALL or DO runs at the top level in a
     * transaction of its own, and only for the body that call starts (one it calls runs atomic, as a function does). Returns
     * the previous value; the caller swaps it back when the body ends.
     */
    default boolean swapTransactionControl(boolean allowed) {
        return false;
    }

    /**
     * COMMIT ({@code commit}) or ROLLBACK in a procedure or DO body that may end transactions: ends the session's transaction,
     * starts the next, and returns the context the body goes on in.
     */
    default ExecContext endTransaction(boolean commit) {
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.INVALID_TRANSACTION_TERMINATION, "invalid transaction termination");
    }

    /**
     * {@code current}, or when a procedure it called ended {@code current}'s transaction, a context in the session's open
     * transaction: where a body that granted its CALL transaction control goes on.
     */
    default ExecContext continueAfterCall(ExecContext current) {
        return current;
    }

    /** SQL access for a procedure body running in {@code transaction}. */
    ProcedureContext procedureContext(io.tableos.db.txn.Transaction transaction);
}
