package io.tableos.db.service;

import io.tableos.db.sql.exec.ProcedureBody;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.RelationFamily;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a module registers its procedures through: names are qualified with the module's
 * schema, and every body first checks that the module's schema is migrated (55000 otherwise:
 * the node has just become leader, or the migration has not run yet).
 */
public final class ServiceProcedures {
    private final ProcedureRegistry registry;
    private final ServiceModule module;
    private final SchemaVersions versions;

    ServiceProcedures(ProcedureRegistry registry, ServiceModule module, SchemaVersions versions) {
        this.registry = registry;
        this.module = module;
        this.versions = versions;
    }

    /** A procedure that runs once per call; registering a name again with other argument types adds an overload. */
    public void register(String name, List<ProcedureParameter> parameters, List<ResultColumn> results, ProcedureBody body) {
        registry.register(module.name() + "." + name, parameters, results, guarded(body), null);
    }

    /**
     * A procedure whose body only reads: it runs in the calling statement's snapshot, on any node,
     * without a turn on the leader's commit path (a write it attempted would be the statement's).
     */
    public void registerReadOnly(String name, List<ProcedureParameter> parameters, List<ResultColumn> results, ProcedureBody body) {
        registry.register(module.name() + "." + name, parameters, results, guarded(body), null, 1, true);
    }

    /**
     * A procedure whose body may return {@link io.tableos.db.sql.exec.ProcedureContext#waitForCommit}
     * results: its caller then waits, up to the milliseconds in {@code waitParameter}, and calls again.
     */
    public void registerLongPoll(String name, List<ProcedureParameter> parameters, List<ResultColumn> results,
                                 ProcedureBody body, String waitParameter) {
        registerLongPoll(name, parameters, results, body, waitParameter, TimeUnit.MILLISECONDS);
    }

    /** As {@link #registerLongPoll(String, List, List, ProcedureBody, String)}, the wait counted in {@code unit}s. */
    public void registerLongPoll(String name, List<ProcedureParameter> parameters, List<ResultColumn> results,
                                 ProcedureBody body, String waitParameter, TimeUnit unit) {
        registry.register(module.name() + "." + name, parameters, results, guarded(body), waitParameter, unit.toMillis(1), false);
    }

    /**
     * Views {@code <module>.<prefix><key>} for every identifier key (see {@link RelationFamily}): how a
     * module whose objects share one keyed table still offers a relation per object.
     */
    public void registerRelationFamily(String prefix, String queryTemplate, List<ResultColumn> columns) {
        registry.registerRelationFamily(new RelationFamily(module.name(), prefix, queryTemplate, columns));
    }

    private ProcedureBody guarded(ProcedureBody body) {
        return (context, arguments) -> {
            if (!versions.isCurrent(module, context)) {
                throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "service " + module.name() + " is not ready: its schema is not yet migrated to version "
                                + module.schemaVersion(), null, "retry shortly", 0, null);
            }
            return body.run(context, arguments);
        };
    }
}
