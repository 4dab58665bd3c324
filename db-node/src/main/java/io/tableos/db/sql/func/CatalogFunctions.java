package io.tableos.db.sql.func;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.system.BuiltinFunctions;
import io.tableos.db.catalog.system.Definitions;
import io.tableos.db.catalog.system.ObjectIds;
import io.tableos.db.catalog.system.PgConstraint;
import io.tableos.db.catalog.system.PgIndex;
import io.tableos.db.catalog.system.PgObjects;
import io.tableos.db.catalog.system.PgRelation;
import io.tableos.db.catalog.system.PgTypes;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalar functions psql's and pgJDBC's catalog queries call, with PostgreSQL's results
 * (checked against PostgreSQL 15). Plain static methods: arguments in the Java
 * representation of SqlType; a SQL NULL argument of a strict function never reaches them
 * (see {@link CatalogFunctionBindings}, which registers them by name).
 */
public final class CatalogFunctions {
    /** Bytes per page, as PostgreSQL's block_size; size estimates are whole pages. */
    static final long PAGE_BYTES = 8192;
    /** Per-row overhead PostgreSQL's heap tuples carry (header and line pointer), for size estimates. */
    static final long ROW_OVERHEAD_BYTES = 28;
    /** Assumed width of a variable-length value, for size estimates. */
    static final long VARIABLE_WIDTH_BYTES = 32;

    private CatalogFunctions() {}

    // ---- types ----

    /** format_type(type_oid, typmod): {@code character varying(40)}, {@code numeric(12,2)}, {@code text[]}; "???" for an unknown OID. */
    public static String formatType(Long typeOid, Integer typmod) {
        if (typeOid == null) return null;
        PgTypes.PgType type = PgTypes.byOid(typeOid);
        if (type == null) return "???";
        if (type.isArray()) {
            String element = formatScalarType(type.element(), typmod);
            return element == null ? "???" : element + "[]";
        }
        return formatScalarType(typeOid, typmod);
    }

    private static String formatScalarType(long oid, Integer typmod) {
        boolean modified = typmod != null && typmod >= 0;
        String name = PgTypes.displayName(oid);
        if (name == null) return null;
        if (oid == SqlType.BPCHAR.oid()) {
            // PostgreSQL prints the internal name for bpchar without a length unless typmod is NULL.
            if (typmod == null) return "character";
            return modified ? "character(" + (typmod - 4) + ")" : "bpchar";
        }
        if (!modified) return name;
        if (oid == SqlType.VARCHAR.oid()) return "character varying(" + (typmod - 4) + ")";
        if (oid == SqlType.NUMERIC.oid()) {
            int packed = typmod - 4;
            return "numeric(" + ((packed >> 16) & 0xffff) + "," + (packed & 0xffff) + ")";
        }
        if (oid == SqlType.TIME.oid() || oid == SqlType.TIMESTAMP.oid() || oid == SqlType.TIMESTAMPTZ.oid()) {
            int space = name.indexOf(' ');
            return name.substring(0, space) + "(" + typmod + ")" + name.substring(space);
        }
        return name;
    }

    /** pg_get_function_result: the result type as format_type prints it; NULL for an unknown function. */
    public static String pgGetFunctionResult(io.tableos.db.catalog.Catalog catalog, long functionOid) {
        io.tableos.db.catalog.FunctionDef created = catalog.routines().function(functionOid);
        if (created != null) return io.tableos.db.catalog.system.RoutineTables.functionResult(created);
        long type = BuiltinFunctions.resultType(functionOid);
        return type < 0 ? null : formatType(type, null);
    }

    /** pg_get_function_arguments: the argument types, comma-separated; NULL for an unknown function. */
    public static String pgGetFunctionArguments(io.tableos.db.catalog.Catalog catalog, long functionOid) {
        io.tableos.db.catalog.FunctionDef created = catalog.routines().function(functionOid);
        if (created != null) return io.tableos.db.catalog.system.RoutineTables.functionArguments(created);
        long[] types = BuiltinFunctions.argumentTypes(functionOid);
        if (types == null) return null;
        StringBuilder out = new StringBuilder();
        for (long t : types) out.append(out.length() == 0 ? "" : ", ").append(formatType(t, null));
        return out.toString();
    }

    /** pg_get_triggerdef: the CREATE TRIGGER statement of a trigger; NULL for an unknown one. */
    public static String pgGetTriggerdef(io.tableos.db.catalog.Catalog catalog, long triggerOid) {
        io.tableos.db.catalog.TriggerDef trigger = catalog.routines().trigger(triggerOid);
        return trigger == null ? null : io.tableos.db.catalog.system.RoutineTables.triggerDefinition(catalog, trigger);
    }

    public static boolean pgTypeIsVisible(long typeOid) {
        return PgTypes.byOid(typeOid) != null;
    }

    // ---- roles, privileges, encodings ----

    /** pg_get_userbyid: the role's name, or PostgreSQL's placeholder for an unknown OID. */
    public static String pgGetUserbyid(long roleOid) {
        if (roleOid == ObjectIds.SUPERUSER_OID) return ObjectIds.SUPERUSER_NAME;
        if (roleOid == ObjectIds.DATABASE_OWNER_ROLE_OID) return ObjectIds.DATABASE_OWNER_ROLE_NAME;
        return "unknown (OID=" + roleOid + ")";
    }

    /** has_table_privilege, has_schema_privilege, has_database_privilege, ...: the only role is a superuser. */
    public static boolean hasPrivilege() {
        return true;
    }

    public static String pgEncodingToChar(int encoding) {
        return switch (encoding) {
            case 0 -> "SQL_ASCII";
            case ObjectIds.UTF8_ENCODING -> "UTF8";
            default -> "";
        };
    }

    // ---- relations ----

    /** pg_table_is_visible: true for relations in a schema on the search path (public, pg_catalog); NULL if no such OID. */
    public static Boolean pgTableIsVisible(PgObjects.Snapshot objects, long relationOid) {
        PgRelation relation = objects.relation(relationOid);
        return relation == null ? null : Definitions.VISIBLE_SCHEMAS.contains(relation.schema());
    }

    /** pg_get_indexdef(index_oid [, column, pretty]); NULL when the OID is not an index. */
    public static String pgGetIndexdef(PgObjects.Snapshot objects, long indexOid, int column, boolean pretty) {
        PgRelation relation = objects.relation(indexOid);
        if (relation == null || relation.index() == null) return null;
        return Definitions.indexDefinition(relation.index(), column, pretty);
    }

    /** Catalogs pg_identify_object knows objects of, by the OID of the catalog table (classid). */
    private static final long PG_CLASS = 1259, PG_NAMESPACE = 2615, PG_CONSTRAINT = 2606;

    /**
     * pg_identify_object(classid, objid, objsubid) as its four fields (type, schema, name,
     * identity), for relations, schemas and constraints; NULLs for any other or unknown object.
     */
    public static SqlArray identifyObject(PgObjects.Snapshot objects, long classId, long objectId) {
        String[] fields = new String[4];
        if (classId == PG_CLASS) {
            PgRelation r = objects.relation(objectId);
            if (r != null) {
                fields[0] = switch (r.kind()) {
                    case 'i' -> "index";
                    case 'S' -> "sequence";
                    case 'v' -> r.view() != null ? "view" : "table";
                    default -> "table";
                };
                fields[1] = r.schema();
                fields[2] = r.name();
                fields[3] = Definitions.relationName(r.schema(), r.name(), false);
            }
        } else if (classId == PG_NAMESPACE) {
            String schema = objects.namespaceName(objectId);
            if (schema != null) {
                fields[0] = "schema";
                fields[2] = schema;
                fields[3] = Definitions.quoteIdent(schema);
            }
        } else if (classId == PG_CONSTRAINT) {
            PgIndex index = objects.constraint(objectId);
            PgConstraint other = index == null ? objects.checkOrForeignKey(objectId) : null;
            io.tableos.db.catalog.TableDef table = index != null ? index.table() : other != null ? other.table() : null;
            if (table != null) {
                fields[0] = "table constraint";
                fields[1] = table.schema();
                fields[3] = Definitions.quoteIdent(index != null ? index.name() : other.name()) + " on "
                        + Definitions.relationName(table.schema(), table.name(), false);
            }
        }
        return new SqlArray(SqlType.TEXT, fields);
    }

    /** pg_get_viewdef(view_oid [, pretty]); NULL when the OID is not a view users created. */
    public static String pgGetViewdef(PgObjects.Snapshot objects, long viewOid) {
        PgRelation relation = objects.relation(viewOid);
        return relation == null || relation.view() == null ? null : Definitions.viewDefinition(relation.view());
    }

    /** pg_get_constraintdef(constraint_oid [, pretty]); NULL when no such constraint. */
    public static String pgGetConstraintdef(PgObjects.Snapshot objects, long constraintOid) {
        return pgGetConstraintdef(objects, constraintOid, false);
    }

    /** pg_get_constraintdef(constraint_oid, pretty): pretty drops the extra parentheses around a CHECK expression. */
    public static String pgGetConstraintdef(PgObjects.Snapshot objects, long constraintOid, boolean pretty) {
        PgIndex index = objects.constraint(constraintOid);
        if (index != null) return Definitions.constraintDefinition(index);
        var other = objects.checkOrForeignKey(constraintOid);
        return other == null ? null : Definitions.constraintDefinition(other, pretty);
    }

    /** pg_get_expr(expression, relation_oid [, pretty]): TableOS stores expressions as SQL text. */
    public static String pgGetExpr(String expression) {
        return Definitions.expression(expression);
    }

    /** pg_get_serial_sequence('table', 'column'): {@code public.t_id_seq}, or NULL when the column draws from no owned sequence. */
    public static String pgGetSerialSequence(PgObjects.Snapshot objects, SearchPath path, String tableName, String columnName) {
        TableDef table = tableNamed(objects, path, tableName);
        int ordinal = table.columnOrdinal(columnName);
        if (ordinal < 0) {
            throw new DbException(SqlState.UNDEFINED_COLUMN,
                    "column \"" + columnName + "\" of relation \"" + table.name() + "\" does not exist");
        }
        ColumnDef column = table.columns().get(ordinal);
        if (column.defaultSql() == null) return null;
        for (SequenceDef sequence : objects.catalog().sequences()) {
            boolean drawnFrom = column.defaultSql().contains("'" + sequence.name() + "'")
                    || column.defaultSql().contains("'" + sequence.schema() + "." + sequence.name() + "'");
            if (sequence.ownedByTableId() == table.id() && drawnFrom) {
                return Definitions.quoteIdent(sequence.schema()) + "." + Definitions.quoteIdent(sequence.name());
            }
        }
        return null;
    }

    /** 'name'::regclass: the OID of a relation named as in SQL (optionally qualified, quoted). */
    public static long regclass(PgObjects.Snapshot objects, SearchPath path, String name) {
        PgRelation relation = relationNamed(objects, path, name);
        if (relation == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        return relation.oid();
    }

    /** to_regclass('name'): like a regclass cast, but NULL when there is no such relation. */
    public static Long toRegclass(PgObjects.Snapshot objects, SearchPath path, String name) {
        PgRelation relation = relationNamed(objects, path, name);
        return relation == null ? null : relation.oid();
    }

    /** oid::regclass::text: the relation's name, qualified when not on the search path; the number when unknown. */
    public static String regclassName(PgObjects.Snapshot objects, long oid) {
        PgRelation relation = objects.relation(oid);
        return relation == null ? Long.toString(oid) : Definitions.relationName(relation.schema(), relation.name(), true);
    }

    /** oid::regnamespace::text. */
    public static String regnamespaceName(PgObjects.Snapshot objects, long oid) {
        String name = objects.namespaceName(oid);
        return name == null ? Long.toString(oid) : Definitions.quoteIdent(name);
    }

    public static boolean pgRelationIsPublishable(PgObjects.Snapshot objects, long relationOid) {
        PgRelation relation = objects.relation(relationOid);
        return relation != null && relation.kind() == 'r';
    }

    // ---- sizes (estimates: TableOS keeps rows off heap, not in pages) ----

    /** pg_relation_size / pg_table_size: whole pages for the estimated row count; NULL for an unknown OID. */
    public static Long pgRelationSize(PgObjects.Snapshot objects, long relationOid, long estimatedRows) {
        PgRelation relation = objects.relation(relationOid);
        if (relation == null) return null;
        return switch (relation.kind()) {
            case 'r' -> pages(estimatedRows * rowWidth(relation.columns()));
            case 'i' -> pages(estimatedRows * (rowWidth(relation.columns()) - ROW_OVERHEAD_BYTES + 16));
            case 'S' -> PAGE_BYTES;
            default -> 0L;
        };
    }

    /** pg_indexes_size: the table's indexes (primary key included). */
    public static Long pgIndexesSize(PgObjects.Snapshot objects, long tableOid, long estimatedRows) {
        PgRelation relation = objects.relation(tableOid);
        if (relation == null) return null;
        long total = 0;
        for (PgIndex index : objects.indexes()) {
            if (index.table().id() == tableOid) total += pgRelationSize(objects, index.oid(), estimatedRows);
        }
        return total;
    }

    /** pg_total_relation_size: table plus indexes. */
    public static Long pgTotalRelationSize(PgObjects.Snapshot objects, long relationOid, long estimatedRows) {
        Long table = pgRelationSize(objects, relationOid, estimatedRows);
        if (table == null) return null;
        return table + pgIndexesSize(objects, relationOid, estimatedRows);
    }

    private static long rowWidth(List<ColumnDef> columns) {
        long width = ROW_OVERHEAD_BYTES;
        for (ColumnDef column : columns) {
            short length = PgTypes.byOid(column.type().oid()).length();
            width += length > 0 ? length : VARIABLE_WIDTH_BYTES;
        }
        return width;
    }

    private static long pages(long bytes) {
        return (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }

    /** pg_size_pretty(bigint): PostgreSQL 15's units and rounding (10239 bytes, 10 kB, 9313 GB). */
    public static String pgSizePretty(long size) {
        final long limit = 10 * 1024;
        final long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) return size + " bytes";
        size >>= 9; // keep one extra bit for rounding
        for (String unit : new String[] {"kB", "MB", "GB", "TB"}) {
            if (Math.abs(size) < limit2) return halfRounded(size) + " " + unit;
            size >>= 10;
        }
        return halfRounded(size) + " PB";
    }

    private static long halfRounded(long value) {
        return (value + (value < 0 ? -1 : 1)) / 2;
    }

    // ---- search path, arrays, identifiers ----

    /** current_schemas(include_implicit): the search path's existing schemas, after pg_catalog when implicit ones are asked for. */
    public static SqlArray currentSchemas(Catalog catalog, SearchPath path, boolean includeImplicit) {
        List<String> schemas = new ArrayList<>();
        if (includeImplicit && !path.schemas().contains("pg_catalog")) schemas.add("pg_catalog");
        schemas.addAll(path.existing(catalog));
        return new SqlArray(SqlType.NAME, schemas.toArray());
    }

    /** array_to_string(array, delimiter [, null_string]): NULL elements skipped unless null_string is given. */
    public static String arrayToString(SqlArray array, String delimiter, String nullString) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Object element : array.elements()) {
            if (element == null && nullString == null) continue;
            if (!first) text.append(delimiter);
            text.append(element == null ? nullString : elementText(element));
            first = false;
        }
        return text.toString();
    }

    private static String elementText(Object element) {
        if (element instanceof Boolean b) return b ? "t" : "f";
        return element.toString();
    }

    public static String quoteIdent(String name) {
        return Definitions.quoteIdent(name);
    }

    /**
     * information_schema._pg_expandarray(array): one row (x, n) per element, n from 1 — the
     * set-returning function pgJDBC's getPrimaryKeys and getIndexInfo join on.
     */
    public static List<Object[]> pgExpandArray(SqlArray array) {
        List<Object[]> rows = new ArrayList<>(array.elements().length);
        for (int i = 0; i < array.elements().length; i++) rows.add(new Object[] {array.elements()[i], i + 1});
        return rows;
    }

    // ---- name resolution ----

    private static TableDef tableNamed(PgObjects.Snapshot objects, SearchPath path, String name) {
        PgRelation relation = relationNamed(objects, path, name);
        if (relation == null || relation.kind() != 'r') {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return relation.table();
    }

    /** Resolves a possibly qualified, possibly quoted relation name; unqualified names search pg_catalog, then the search path. */
    static PgRelation relationNamed(PgObjects.Snapshot objects, SearchPath path, String name) {
        List<String> parts = SqlNames.split(name);
        if (parts.size() == 2) return objects.relation(parts.get(0), parts.get(1));
        if (parts.size() == 3) return objects.relation(parts.get(1), parts.get(2));
        PgRelation relation = objects.relation("pg_catalog", parts.get(0));
        return relation != null ? relation : path.find(schema -> objects.relation(schema, parts.get(0)));
    }
}
