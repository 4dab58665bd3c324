package io.tableos.db.sql.exec;

/** What an executing statement may ask of its session. */
public interface SessionInfo {
    String setting(String name);

    /** All settings, name to value (pg_settings). */
    java.util.Map<String, String> settings();

    int processId();

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

    /** SQL access for a procedure body running in {@code transaction}. */
    ProcedureContext procedureContext(io.tableos.db.txn.Transaction transaction);
}
