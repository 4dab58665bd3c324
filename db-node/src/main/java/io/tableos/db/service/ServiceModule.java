package io.tableos.db.service;

import java.util.List;

/**
 * An OS service: a schema of its own, its migrations and its procedures. Implementations are
 * listed in {@code META-INF/services/io.tableos.db.service.ServiceModule} and need a public
 * no-argument constructor.
 *
 * <p>Invariant: the module's procedures run only once its schema is at {@link #schemaVersion()}
 * (before that they fail with 55000 and the client retries).
 */
public interface ServiceModule {
    /** The module's name, also the schema its tables and procedures live in (e.g. {@code sched}). */
    String name();

    /**
     * Migrations in ascending version order, from 1 without gaps. Each runs once per cluster,
     * on the leader, as ordinary replicated DDL; its statements must be idempotent ({@code IF NOT
     * EXISTS}), since a leader that fails midway leaves the migration for the next one to repeat.
     */
    List<Migration> migrations();

    /** Registers the module's procedures; called once at node start, before SQL is served. */
    void registerProcedures(ServiceProcedures procedures);

    /** The version the migrations lead to. */
    default int schemaVersion() {
        List<Migration> all = migrations();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).version();
    }
}
