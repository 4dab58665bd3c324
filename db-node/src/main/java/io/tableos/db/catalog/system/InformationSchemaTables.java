package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;

import java.util.List;

/**
 * information_schema views: schemata, tables, columns, sequences, views (the constraint views are in
 * {@link InformationSchemaConstraints}). System tables appear as views, as pg_catalog's do in PostgreSQL.
 */
final class InformationSchemaTables {
    /** character_octet_length of an unbounded text column: PostgreSQL's 1 GB field limit. */
    private static final int TEXT_OCTET_LENGTH_MAX = 1073741824;
    /** Bytes per character in UTF-8 at most, for character_octet_length. */
    private static final int UTF8_BYTES_PER_CHARACTER_MAX = 4;

    private InformationSchemaTables() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("information_schema.schemata", objects, InformationSchemaTables::schemata));
        registry.register(new ShapedSystemTable("information_schema.tables", objects, InformationSchemaTables::tables));
        registry.register(new ShapedSystemTable("information_schema.columns", objects, InformationSchemaTables::columns));
        registry.register(new ShapedSystemTable("information_schema.sequences", objects, InformationSchemaTables::sequences));
        registry.register(new ShapedSystemTable("information_schema.views", objects, InformationSchemaTables::views));
    }

    private static void schemata(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (String schema : objects.namespaces().keySet()) {
            out.add(shape.row().set("catalog_name", context.currentDatabase()).set("schema_name", schema)
                    .set("schema_owner", ObjectIds.SUPERUSER_NAME).build());
        }
    }

    private static void tables(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r' && relation.kind() != 'v') continue;
            boolean base = relation.kind() == 'r';
            out.add(shape.row()
                    .set("table_catalog", context.currentDatabase()).set("table_schema", relation.schema())
                    .set("table_name", relation.name()).set("table_type", base ? "BASE TABLE" : "VIEW")
                    .set("is_insertable_into", base ? "YES" : "NO").set("is_typed", "NO")
                    .build());
        }
    }

    /** The views users created (not the system tables TableOS shows as views). */
    private static void views(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.view() == null) continue;
            out.add(shape.row()
                    .set("table_catalog", context.currentDatabase()).set("table_schema", relation.schema())
                    .set("table_name", relation.name()).set("view_definition", Definitions.viewDefinition(relation.view()))
                    .set("check_option", "NONE").set("is_updatable", "NO").set("is_insertable_into", "NO")
                    .set("is_trigger_updatable", "NO").set("is_trigger_deletable", "NO").set("is_trigger_insertable_into", "NO")
                    .build());
        }
    }

    private static void columns(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r' && relation.kind() != 'v') continue;
            boolean base = relation.kind() == 'r';
            List<ColumnDef> columns = relation.columns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef column = columns.get(i);
                DataType type = column.type();
                boolean notNull = column.notNull() || base && relation.table().primaryKey().contains(i);
                TableShape.RowBuilder row = shape.row()
                        .set("table_catalog", context.currentDatabase()).set("table_schema", relation.schema())
                        .set("table_name", relation.name()).set("column_name", column.name())
                        .set("ordinal_position", i + 1)
                        .set("column_default", base ? Definitions.expression(column.defaultSql()) : null)
                        .set("is_nullable", notNull ? "NO" : "YES")
                        .set("data_type", type.type() == SqlType.ARRAY ? "ARRAY" : type.type().sqlName())
                        .set("udt_catalog", context.currentDatabase()).set("udt_schema", "pg_catalog")
                        .set("udt_name", TypeFacts.pgType(type).name())
                        .set("dtd_identifier", String.valueOf(i + 1))
                        .set("is_self_referencing", "NO").set("is_identity", "NO").set("identity_cycle", "NO")
                        .set("is_generated", "NEVER").set("is_updatable", base ? "YES" : "NO");
                describeType(type, row);
                out.add(row.build());
            }
        }
    }

    /** Length, precision and scale columns, as information_schema.columns computes them from the typmod. */
    private static void describeType(DataType type, TableShape.RowBuilder row) {
        switch (type.type()) {
            case VARCHAR, BPCHAR -> {
                if (type.length() >= 0) {
                    row.set("character_maximum_length", type.length());
                    row.set("character_octet_length", type.length() * UTF8_BYTES_PER_CHARACTER_MAX);
                } else {
                    row.set("character_octet_length", TEXT_OCTET_LENGTH_MAX);
                }
            }
            case TEXT -> row.set("character_octet_length", TEXT_OCTET_LENGTH_MAX);
            case INT2 -> binaryPrecision(row, 16, 0);
            case INT4 -> binaryPrecision(row, 32, 0);
            case INT8 -> binaryPrecision(row, 64, 0);
            case FLOAT4 -> binaryPrecision(row, 24, null);
            case FLOAT8 -> binaryPrecision(row, 53, null);
            case NUMERIC -> {
                row.set("numeric_precision_radix", 10);
                if (type.length() >= 0) {
                    row.set("numeric_precision", type.length()).set("numeric_scale", Math.max(type.scale(), 0));
                }
            }
            case DATE -> row.set("datetime_precision", 0);
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> row.set("datetime_precision", 6);
            default -> { }
        }
    }

    private static void binaryPrecision(TableShape.RowBuilder row, int precision, Integer scale) {
        row.set("numeric_precision", precision).set("numeric_precision_radix", 2).set("numeric_scale", scale);
    }

    private static void sequences(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'S') continue;
            SequenceDef sequence = relation.sequence();
            DataType type = RelationTables.sequenceType(objects, sequence);
            out.add(shape.row()
                    .set("sequence_catalog", context.currentDatabase()).set("sequence_schema", sequence.schema())
                    .set("sequence_name", sequence.name()).set("data_type", type.type().sqlName())
                    .set("numeric_precision", type.type() == SqlType.INT4 ? 32 : type.type() == SqlType.INT2 ? 16 : 64)
                    .set("numeric_precision_radix", 2).set("numeric_scale", 0)
                    .set("start_value", String.valueOf(sequence.start()))
                    .set("minimum_value", String.valueOf(sequence.minValue()))
                    .set("maximum_value", String.valueOf(sequence.maxValue()))
                    .set("increment", String.valueOf(sequence.increment()))
                    .set("cycle_option", sequence.cycle() ? "YES" : "NO")
                    .build());
        }
    }
}
