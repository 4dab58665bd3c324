package io.tableos.db.catalog.system;

import io.tableos.db.catalog.SystemTables;

import java.util.List;

/** Registers every pg_catalog and information_schema relation TableOS serves. */
public final class CatalogSystemTables {
    /**
     * Relations PostgreSQL has and TableOS keeps empty (no policies, triggers, rules,
     * inheritance, publications, extensions, comments, ...): clients join them and must find
     * the columns, not the rows.
     */
    static final List<String> EMPTY = List.of(
            "pg_catalog.pg_description", "pg_catalog.pg_shdescription", "pg_catalog.pg_inherits",
            "pg_catalog.pg_extension", "pg_catalog.pg_locks", "pg_catalog.pg_policy",
            "pg_catalog.pg_rewrite", "pg_catalog.pg_foreign_table", "pg_catalog.pg_partitioned_table",
            "pg_catalog.pg_statistic_ext", "pg_catalog.pg_publication", "pg_catalog.pg_publication_rel",
            "pg_catalog.pg_publication_namespace", "pg_catalog.pg_shdepend",
            "pg_catalog.pg_enum", "pg_catalog.pg_range", "pg_catalog.pg_event_trigger", "pg_catalog.pg_auth_members",
            "pg_catalog.pg_operator", "pg_catalog.pg_opfamily", "pg_catalog.pg_cast", "pg_catalog.pg_aggregate",
            "pg_catalog.pg_init_privs", "pg_catalog.pg_seclabel", "pg_catalog.pg_foreign_server",
            "pg_catalog.pg_foreign_data_wrapper", "pg_catalog.pg_conversion", "pg_catalog.pg_default_acl",
            "pg_catalog.pg_matviews", "pg_catalog.pg_prepared_xacts",
            "pg_catalog.pg_stat_replication", "pg_catalog.pg_replication_slots", "pg_catalog.pg_stat_database",
            "information_schema.routines", "information_schema.parameters",
            "information_schema.triggers");

    private CatalogSystemTables() {}

    /**
     * Registers the catalog relations into {@code registry} and returns the OID resolver the
     * catalog functions (pg_get_indexdef, regclass casts, ...) must share with them, so both
     * show the same OIDs. Call once per registry, at node start.
     */
    public static PgObjects registerAll(SystemTables registry) {
        PgObjects objects = new PgObjects(registry);
        RelationTables.register(registry, objects);
        TypeTables.register(registry, objects);
        ServerTables.register(registry, objects);
        ConvenienceViews.register(registry, objects);
        InformationSchemaTables.register(registry, objects);
        InformationSchemaConstraints.register(registry, objects);
        for (String name : EMPTY) registry.register(new ShapedSystemTable(name, objects, ShapedSystemTable.NO_ROWS));
        return objects;
    }
}
