package io.tableos.db.service;

import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.types.DbException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table recording each module's schema version ({@value #TABLE}), and this node's memory of
 * which modules it has seen current. Versions only grow, so once seen current a module stays
 * current for the life of the process (a node runs one build of every module).
 */
final class SchemaVersions {
    static final String SCHEMA = "services";
    static final String TABLE = SCHEMA + ".modules";
    static final List<String> CREATE = List.of(
            "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
            "CREATE TABLE IF NOT EXISTS " + TABLE + " (name text PRIMARY KEY, schema_version int NOT NULL,"
                    + " migrated_at timestamptz NOT NULL)");
    static final String SELECT = "SELECT schema_version FROM " + TABLE + " WHERE name = $1";

    private final Map<String, Boolean> current = new ConcurrentHashMap<>();

    /** True when {@code module}'s recorded version is its own; reads the table (in the caller's procedure) until it is. */
    boolean isCurrent(ServiceModule module, ProcedureContext context) {
        if (current.containsKey(module.name())) return true;
        List<Object[]> rows;
        try {
            rows = context.query(SELECT, module.name());
        } catch (DbException e) {
            return false;  // the table itself is not created yet
        }
        if (rows.isEmpty() || ((Number) rows.get(0)[0]).intValue() < module.schemaVersion()) return false;
        markCurrent(module);
        return true;
    }

    void markCurrent(ServiceModule module) {
        current.put(module.name(), Boolean.TRUE);
    }
}
