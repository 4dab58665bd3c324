package io.tableos.db.catalog.system;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;

import java.util.List;

/** pg_type, pg_opclass and pg_collation: fixed rows, the same on every node. */
final class TypeTables {
    /** Default btree operator classes: oid, name, input type, family (from PostgreSQL 15). */
    private static final long[][] BTREE_OPERATOR_CLASSES = {
            {10003, 16, 424}, {10006, 17, 428}, {10028, 19, 1994}, {3124, 20, 1976}, {1979, 21, 1976}, {1978, 23, 1976},
            {3126, 25, 1994}, {1981, 26, 1989}, {10012, 700, 1970}, {3123, 701, 1970}, {10004, 1042, 426},
            {3122, 1082, 434}, {10038, 1083, 1996}, {3128, 1114, 434}, {3127, 1184, 434}, {10022, 1186, 1982},
            {3125, 1700, 1988}, {10065, 2950, 2968}, {10088, 3802, 4033}};

    private TypeTables() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("pg_catalog.pg_type", objects, TypeTables::types));
        registry.register(new ShapedSystemTable("pg_catalog.pg_opclass", objects, TypeTables::operatorClasses));
        registry.register(new ShapedSystemTable("pg_catalog.pg_collation", objects, TypeTables::collations));
    }

    private static void types(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgTypes.PgType type : PgTypes.all()) {
            out.add(shape.row()
                    .set("oid", type.oid()).set("typname", type.name())
                    .set("typnamespace", Catalog.PG_CATALOG_SCHEMA_OID).set("typowner", ObjectIds.SUPERUSER_OID)
                    .set("typlen", type.length()).set("typbyval", type.byValue())
                    .set("typtype", type.type()).set("typcategory", type.category())
                    .set("typispreferred", type.preferred()).set("typisdefined", true).set("typdelim", ",")
                    .set("typsubscript", type.isArray() ? "array_subscript_handler" : "-")
                    .set("typelem", type.element()).set("typarray", type.array())
                    .set("typinput", type.input()).set("typoutput", type.output())
                    .set("typreceive", type.receive()).set("typsend", type.send())
                    .set("typmodin", "-").set("typmodout", "-").set("typanalyze", type.isArray() ? "array_typanalyze" : "-")
                    .set("typalign", type.align()).set("typstorage", type.storage())
                    .set("typtypmod", -1).set("typcollation", type.collation())
                    .build());
        }
    }

    private static void operatorClasses(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (long[] opclass : BTREE_OPERATOR_CLASSES) {
            String typeName = PgTypes.byOid(opclass[1]).name();
            out.add(shape.row()
                    .set("oid", opclass[0]).set("opcmethod", ObjectIds.BTREE_AM_OID)
                    .set("opcname", (typeName.equals("varchar") ? "text" : typeName) + "_ops")
                    .set("opcnamespace", Catalog.PG_CATALOG_SCHEMA_OID).set("opcowner", ObjectIds.SUPERUSER_OID)
                    .set("opcfamily", opclass[2]).set("opcintype", opclass[1]).set("opcdefault", true)
                    .build());
        }
    }

    private static void collations(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        out.add(collation(shape, ObjectIds.DEFAULT_COLLATION_OID, "default", "d", null));
        out.add(collation(shape, ObjectIds.C_COLLATION_OID, "C", "c", "C"));
        out.add(collation(shape, 951, "POSIX", "c", "POSIX"));
    }

    private static Object[] collation(TableShape shape, long oid, String name, String provider, String locale) {
        return shape.row()
                .set("oid", oid).set("collname", name).set("collnamespace", Catalog.PG_CATALOG_SCHEMA_OID)
                .set("collowner", ObjectIds.SUPERUSER_OID).set("collprovider", provider).set("collisdeterministic", true)
                .set("collencoding", -1).set("collcollate", locale).set("collctype", locale)
                .build();
    }
}
