package io.tableos.db.catalog.system;

import io.tableos.db.catalog.BackendActivity;
import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server-wide catalogs: pg_database, pg_settings, roles (pg_roles, pg_user, pg_authid),
 * pg_am, pg_tablespace, pg_language, pg_proc and pg_stat_activity.
 */
final class ServerTables {
    private ServerTables() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("pg_catalog.pg_database", objects, ServerTables::databases));
        registry.register(new ShapedSystemTable("pg_catalog.pg_settings", objects, ServerTables::settings));
        registry.register(new ShapedSystemTable("pg_catalog.pg_roles", objects, ServerTables::roles));
        registry.register(new ShapedSystemTable("pg_catalog.pg_authid", objects, ServerTables::roles));
        registry.register(new ShapedSystemTable("pg_catalog.pg_user", objects, ServerTables::users));
        registry.register(new ShapedSystemTable("pg_catalog.pg_am", objects, ServerTables::accessMethods));
        registry.register(new ShapedSystemTable("pg_catalog.pg_tablespace", objects, ServerTables::tablespaces));
        registry.register(new ShapedSystemTable("pg_catalog.pg_language", objects, ServerTables::languages));
        registry.register(new ShapedSystemTable("pg_catalog.pg_proc", objects, ServerTables::functions));
        registry.register(new ShapedSystemTable("pg_catalog.pg_stat_activity", objects, ServerTables::activity));
    }

    /**
     * Every database name of the cluster (all reach the one catalog: see Catalog). The one this
     * session connected to has the OID the other catalogs give the current database; the others
     * take small OIDs (1, 2, ...) in name order, below the range tables and schemas use.
     */
    private static void databases(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        List<String> names = context.catalog().databases();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long oid = name.equals(context.currentDatabase()) ? ObjectIds.DATABASE_OID : 1 + i;
            out.add(databaseRow(shape, oid, name));
        }
    }

    private static Object[] databaseRow(TableShape shape, long oid, String name) {
        return shape.row()
                .set("oid", oid).set("datname", name)
                .set("datdba", ObjectIds.SUPERUSER_OID).set("encoding", ObjectIds.UTF8_ENCODING)
                .set("datlocprovider", "c").set("datistemplate", false).set("datallowconn", true)
                .set("datconnlimit", -1).set("dattablespace", ObjectIds.DEFAULT_TABLESPACE_OID)
                .set("datcollate", "C").set("datctype", "C")
                .build();
    }

    private static void settings(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.putAll(SettingDescriptions.FIXED_VALUES);
        values.putAll(context.settings());
        values.forEach((name, value) -> {
            SettingDescriptions.Description description = SettingDescriptions.describe(name, value);
            out.add(shape.row()
                    .set("name", SettingDescriptions.canonicalName(name)).set("setting", value)
                    .set("unit", description.unit()).set("category", description.category())
                    .set("short_desc", description.shortDescription()).set("context", description.context())
                    .set("vartype", description.vartype()).set("source", "default")
                    .set("min_val", description.minimum()).set("max_val", description.maximum())
                    .set("boot_val", value).set("reset_val", value).set("pending_restart", false)
                    .build());
        });
    }

    /**
     * The bootstrap superuser, and pg_database_owner, which owns public (pg_roles and pg_authid
     * have the same columns that matter; \du hides pg_ roles).
     */
    private static void roles(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        TableShape.RowBuilder row = shape.row()
                .set("oid", ObjectIds.SUPERUSER_OID).set("rolname", ObjectIds.SUPERUSER_NAME)
                .set("rolsuper", true).set("rolinherit", true).set("rolcreaterole", true).set("rolcreatedb", true)
                .set("rolcanlogin", true).set("rolreplication", true).set("rolbypassrls", true).set("rolconnlimit", -1);
        if (shape.name().equals("pg_roles")) row.set("rolpassword", "********");
        out.add(row.build());
        out.add(shape.row()
                .set("oid", ObjectIds.DATABASE_OWNER_ROLE_OID).set("rolname", ObjectIds.DATABASE_OWNER_ROLE_NAME)
                .set("rolsuper", false).set("rolinherit", true).set("rolcreaterole", false).set("rolcreatedb", false)
                .set("rolcanlogin", false).set("rolreplication", false).set("rolbypassrls", false).set("rolconnlimit", -1).build());
    }

    private static void users(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        out.add(shape.row()
                .set("usename", ObjectIds.SUPERUSER_NAME).set("usesysid", ObjectIds.SUPERUSER_OID)
                .set("usecreatedb", true).set("usesuper", true).set("userepl", true).set("usebypassrls", true)
                .set("passwd", "********")
                .build());
    }

    private static void accessMethods(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        out.add(shape.row().set("oid", ObjectIds.HEAP_AM_OID).set("amname", "heap").set("amhandler", "heap_tableam_handler").set("amtype", "t").build());
        out.add(shape.row().set("oid", ObjectIds.BTREE_AM_OID).set("amname", "btree").set("amhandler", "bthandler").set("amtype", "i").build());
        out.add(shape.row().set("oid", ObjectIds.HASH_AM_OID).set("amname", "hash").set("amhandler", "hashhandler").set("amtype", "i").build());
    }

    private static void tablespaces(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        out.add(shape.row().set("oid", ObjectIds.DEFAULT_TABLESPACE_OID).set("spcname", "pg_default").set("spcowner", ObjectIds.SUPERUSER_OID).build());
        out.add(shape.row().set("oid", 1664L).set("spcname", "pg_global").set("spcowner", ObjectIds.SUPERUSER_OID).build());
    }

    private static void languages(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        out.add(language(shape, 12, "internal", false));
        out.add(language(shape, 13, "c", false));
        out.add(language(shape, 14, "sql", true));
    }

    private static Object[] language(TableShape shape, long oid, String name, boolean trusted) {
        return shape.row().set("oid", oid).set("lanname", name).set("lanowner", ObjectIds.SUPERUSER_OID)
                .set("lanpltrusted", trusted).build();
    }

    private static void functions(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (Object[] function : BuiltinFunctions.FUNCTIONS) {
            long[] argumentTypes = (long[]) function[3];
            Object[] boxed = new Object[argumentTypes.length];
            for (int i = 0; i < boxed.length; i++) boxed[i] = argumentTypes[i];
            out.add(shape.row()
                    .set("oid", function[0]).set("proname", function[1])
                    .set("pronamespace", Catalog.PG_CATALOG_SCHEMA_OID).set("proowner", ObjectIds.SUPERUSER_OID)
                    .set("prolang", 12L).set("procost", 1.0f).set("prosupport", "-").set("prokind", "f")
                    .set("proisstrict", true).set("provolatile", function[4]).set("proparallel", "s")
                    .set("pronargs", (short) argumentTypes.length).set("prorettype", function[2])
                    .set("proargtypes", new SqlArray(SqlType.OID, boxed)).set("prosrc", function[1])
                    .build());
        }
    }

    /** Only the asking session: TableOS does not expose other sessions here (sys tables do). */
    private static void activity(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        List<BackendActivity> backends = context.backends();
        for (BackendActivity b : backends) {
            out.add(shape.row()
                    .set("datid", ObjectIds.DATABASE_OID).set("datname", context.currentDatabase())
                    .set("pid", b.processId()).set("usesysid", ObjectIds.SUPERUSER_OID).set("usename", b.userName())
                    .set("application_name", b.applicationName() == null ? "" : b.applicationName())
                    .set("backend_start", b.backendStart()).set("xact_start", b.transactionStart())
                    .set("query_start", b.queryStart()).set("wait_event_type", b.waitEventType())
                    .set("wait_event", b.waitEvent()).set("state", b.state()).set("query", b.query())
                    .set("backend_type", "client backend")
                    .build());
        }
        if (!backends.isEmpty()) return;
        out.add(shape.row()
                .set("datid", ObjectIds.DATABASE_OID).set("datname", context.currentDatabase())
                .set("usesysid", ObjectIds.SUPERUSER_OID).set("usename", context.currentUser())
                .set("application_name", context.settings().getOrDefault("application_name", ""))
                .set("state", "active").set("backend_type", "client backend")
                .build());
    }
}
