package io.tableos.db.service;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings every module's schema to its version, on the leader, through an ordinary SQL session:
 * each migration's statements replicate as DDL, then the module's row in {@value SchemaVersions#TABLE}
 * records the version. A migration interrupted midway (leader lost) is repeated whole by the
 * next leader, which is why migration statements are idempotent.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final SqlSession session;
    private final SchemaVersions versions;

    SchemaMigrator(SqlSession session, SchemaVersions versions) {
        this.session = session;
        this.versions = versions;
    }

    void migrate(List<ServiceModule> modules) {
        for (String statement : SchemaVersions.CREATE) run(statement);
        for (ServiceModule module : modules) migrate(module);
    }

    private void migrate(ServiceModule module) {
        List<Object[]> rows = run(SchemaVersions.SELECT.replace("$1", "'" + module.name().replace("'", "''") + "'"));
        int from = rows.isEmpty() ? 0 : Integer.parseInt(String.valueOf(rows.get(0)[0]));
        for (Migration migration : module.migrations()) {
            if (migration.version() <= from) continue;
            for (String statement : migration.statements()) run(statement);
            run("INSERT INTO " + SchemaVersions.TABLE + " (name, schema_version, migrated_at) VALUES ('" + module.name()
                    + "', " + migration.version() + ", now()) ON CONFLICT (name) DO UPDATE SET schema_version = EXCLUDED.schema_version,"
                    + " migrated_at = EXCLUDED.migrated_at");
            LOG.info("service {}: schema migrated to version {}", module.name(), migration.version());
        }
        versions.markCurrent(module);
    }

    private List<Object[]> run(String sql) {
        List<Object[]> rows = new ArrayList<>();
        boolean succeeded = false;
        try {
            PreparedStatement prepared = session.prepare(sql, new int[0]);
            try (StatementResult result = session.execute(prepared, new Object[0])) {
                if (result.kind() == StatementResult.Kind.ROWS) result.fetch(row -> rows.add(row.clone()), 0);
            }
            succeeded = true;
        } catch (DbException e) {
            throw new DbException(e.sqlState(), "migration statement failed: " + sql + ": " + e.getMessage(), e);
        } finally {
            session.endImplicitTransaction(succeeded);
        }
        return rows;
    }
}
