package io.tableos.db.catalog.system;

import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.TableDef;

import java.util.List;

/** pg_tables, pg_views, pg_indexes, pg_sequences and pg_stat_user_tables: PostgreSQL's views over pg_class, for humans and tools. */
final class ConvenienceViews {
    private ConvenienceViews() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("pg_catalog.pg_tables", objects, ConvenienceViews::tables));
        registry.register(new ShapedSystemTable("pg_catalog.pg_views", objects, ConvenienceViews::views));
        registry.register(new ShapedSystemTable("pg_catalog.pg_indexes", objects, ConvenienceViews::indexes));
        registry.register(new ShapedSystemTable("pg_catalog.pg_sequences", objects, ConvenienceViews::sequences));
        registry.register(new ShapedSystemTable("pg_catalog.pg_stat_user_tables", objects, ConvenienceViews::tableStatistics));
    }

    private static void tables(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r') continue;
            TableDef table = relation.table();
            out.add(shape.row()
                    .set("schemaname", table.schema()).set("tablename", table.name())
                    .set("tableowner", ObjectIds.SUPERUSER_NAME)
                    .set("hasindexes", !table.hasHiddenKey() || !table.indexes().isEmpty())
                    .set("hasrules", false).set("hastriggers", false).set("rowsecurity", false)
                    .build());
        }
    }

    /** The views users created. */
    private static void views(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.view() == null) continue;
            out.add(shape.row()
                    .set("schemaname", relation.schema()).set("viewname", relation.name())
                    .set("viewowner", ObjectIds.SUPERUSER_NAME).set("definition", Definitions.viewDefinition(relation.view()))
                    .build());
        }
    }

    private static void indexes(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgIndex index : objects.indexes()) {
            out.add(shape.row()
                    .set("schemaname", index.schema()).set("tablename", index.table().name())
                    .set("indexname", index.name()).set("indexdef", Definitions.indexDefinition(index, 0, false))
                    .build());
        }
    }

    /** last_value stays NULL: sequence values are storage state this layer cannot read. */
    private static void sequences(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'S') continue;
            SequenceDef sequence = relation.sequence();
            out.add(shape.row()
                    .set("schemaname", sequence.schema()).set("sequencename", sequence.name())
                    .set("sequenceowner", ObjectIds.SUPERUSER_NAME)
                    .set("data_type", RelationTables.sequenceType(objects, sequence).type().sqlName())
                    .set("start_value", sequence.start()).set("min_value", sequence.minValue())
                    .set("max_value", sequence.maxValue()).set("increment_by", sequence.increment())
                    .set("cycle", sequence.cycle()).set("cache_size", 1L)
                    .build());
        }
    }

    /** Counters are zero: TableOS keeps no per-table scan statistics. */
    private static void tableStatistics(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r') continue;
            TableShape.RowBuilder row = shape.row()
                    .set("relid", relation.oid()).set("schemaname", relation.schema()).set("relname", relation.name());
            for (String counter : new String[] {"seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins",
                    "n_tup_upd", "n_tup_del", "n_tup_hot_upd", "n_live_tup", "n_dead_tup", "n_mod_since_analyze",
                    "n_ins_since_vacuum", "vacuum_count", "autovacuum_count", "analyze_count", "autoanalyze_count"}) {
                row.set(counter, 0L);
            }
            out.add(row.build());
        }
    }
}
