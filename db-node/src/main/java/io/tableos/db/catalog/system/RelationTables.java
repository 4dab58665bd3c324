package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlType;

import java.util.List;

/** pg_namespace, pg_class, pg_attribute, pg_index, pg_constraint, pg_attrdef and pg_sequence. */
final class RelationTables {
    private RelationTables() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("pg_catalog.pg_namespace", objects, RelationTables::namespaces));
        registry.register(new ShapedSystemTable("pg_catalog.pg_class", objects, RelationTables::classes));
        registry.register(new ShapedSystemTable("pg_catalog.pg_attribute", objects, RelationTables::attributes));
        registry.register(new ShapedSystemTable("pg_catalog.pg_index", objects, RelationTables::indexes));
        registry.register(new ShapedSystemTable("pg_catalog.pg_constraint", objects, RelationTables::constraints));
        registry.register(new ShapedSystemTable("pg_catalog.pg_attrdef", objects, RelationTables::attributeDefaults));
        registry.register(new ShapedSystemTable("pg_catalog.pg_sequence", objects, RelationTables::sequences));
        registry.register(new ShapedSystemTable("pg_catalog.pg_depend", objects, RelationTables::dependencies));
    }

    private static void namespaces(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        objects.namespaces().forEach((name, oid) -> out.add(shape.row()
                .set("oid", oid).set("nspname", name)
                // As in PostgreSQL 15, public belongs to pg_database_owner; other schemas to their creator.
                .set("nspowner", name.equals("public") ? ObjectIds.DATABASE_OWNER_ROLE_OID : ObjectIds.SUPERUSER_OID).build()));
    }

    private static void classes(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            char kind = relation.kind();
            boolean stored = kind != 'v';
            TableShape.RowBuilder row = shape.row()
                    .set("oid", relation.oid()).set("relname", relation.name())
                    .set("relnamespace", relation.namespaceOid()).set("relowner", ObjectIds.SUPERUSER_OID)
                    .set("relam", switch (kind) { case 'r' -> ObjectIds.HEAP_AM_OID; case 'i' -> ObjectIds.BTREE_AM_OID; default -> 0L; })
                    .set("relfilenode", stored ? relation.oid() : 0L)
                    .set("relpages", kind == 'i' || kind == 'S' ? 1 : 0)
                    // As PostgreSQL before the first ANALYZE: -1 for tables, 0 for indexes.
                    .set("reltuples", kind == 'r' ? -1.0f : kind == 'S' ? 1.0f : 0.0f)
                    .set("relhasindex", kind == 'r' && (!relation.table().hasHiddenKey() || !relation.table().indexes().isEmpty()))
                    .set("relpersistence", "p").set("relkind", String.valueOf(kind))
                    .set("relnatts", (short) relation.columns().size())
                    .set("relchecks", (short) (kind == 'r' ? relation.table().checks().size() : 0))
                    // PostgreSQL implements foreign keys with triggers on both tables; psql shows them only when this is set.
                    .set("relhastriggers", kind == 'r' && (!relation.table().foreignKeys().isEmpty()
                            || !objects.catalog().referencingTables(relation.oid()).isEmpty()))
                    .set("relispopulated", true)
                    .set("relreplident", kind == 'r' ? "d" : "n");
            out.add(row.build());
        }
    }

    private static void attributes(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            List<ColumnDef> columns = relation.columns();
            List<Integer> primaryKey = relation.kind() == 'r' ? relation.table().primaryKey() : List.of();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDef column = columns.get(i);
                DataType type = column.type();
                PgTypes.PgType pgType = TypeFacts.pgType(type);
                boolean tableColumn = relation.kind() == 'r';
                out.add(shape.row()
                        .set("attrelid", relation.oid()).set("attname", column.name())
                        .set("atttypid", (long) type.oid())
                        .set("attstattarget", relation.kind() == 'i' ? 0 : -1)
                        .set("attlen", pgType.length()).set("attnum", (short) (i + 1))
                        .set("attndims", type.type() == SqlType.ARRAY ? 1 : 0)
                        .set("attcacheoff", -1).set("atttypmod", type.typmod())
                        .set("attbyval", pgType.byValue()).set("attalign", pgType.align())
                        .set("attstorage", pgType.storage()).set("attcompression", "")
                        .set("attnotnull", column.notNull() || primaryKey.contains(i))
                        .set("atthasdef", tableColumn && column.defaultSql() != null)
                        .set("attidentity", "").set("attgenerated", "")
                        .set("attislocal", true)
                        .set("attcollation", TypeFacts.collation(type))
                        .build());
            }
        }
    }

    private static void indexes(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgIndex index : objects.indexes()) {
            int n = index.columns().size();
            Object[] keys = new Object[n];
            Object[] collations = new Object[n];
            Object[] classes = new Object[n];
            Object[] options = new Object[n];
            for (int k = 0; k < n; k++) {
                int ordinal = index.columns().get(k);
                DataType type = index.table().columns().get(ordinal).type();
                keys[k] = (short) (ordinal + 1);
                collations[k] = TypeFacts.collation(type);
                classes[k] = TypeFacts.btreeOperatorClass(type);
                // indoption bits: 1 = DESC, 2 = NULLS FIRST (the default for DESC).
                options[k] = (short) (Boolean.TRUE.equals(index.descending().get(k)) ? 3 : 0);
            }
            out.add(shape.row()
                    .set("indexrelid", index.oid()).set("indrelid", index.table().id())
                    .set("indnatts", (short) n).set("indnkeyatts", (short) n)
                    .set("indisunique", index.unique()).set("indisprimary", index.primary())
                    .set("indimmediate", true).set("indisvalid", true).set("indisready", true).set("indislive", true)
                    .set("indkey", new SqlArray(SqlType.INT2, keys))
                    .set("indcollation", new SqlArray(SqlType.OID, collations))
                    .set("indclass", new SqlArray(SqlType.OID, classes))
                    .set("indoption", new SqlArray(SqlType.INT2, options))
                    .set("indpred", index.predicateSql())
                    .build());
        }
    }

    private static void constraints(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgIndex index : objects.indexes()) {
            if (index.constraintOid() == 0) continue;
            Object[] keys = new Object[index.columns().size()];
            for (int k = 0; k < keys.length; k++) keys[k] = (short) (index.columns().get(k) + 1);
            out.add(shape.row()
                    .set("oid", index.constraintOid()).set("conname", index.name())
                    .set("connamespace", objects.namespaceOid(index.schema()))
                    .set("contype", String.valueOf(index.constraintType()))
                    .set("convalidated", true).set("conrelid", index.table().id()).set("conindid", index.oid())
                    .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ")
                    .set("conislocal", true).set("connoinherit", true)
                    .set("conkey", new SqlArray(SqlType.INT2, keys))
                    .build());
        }
        for (PgConstraint constraint : objects.checksAndForeignKeys()) out.add(checkOrForeignKey(objects, shape, constraint));
    }

    private static Object[] checkOrForeignKey(PgObjects.Snapshot objects, TableShape shape, PgConstraint c) {
        TableShape.RowBuilder row = shape.row()
                .set("oid", c.oid()).set("conname", c.name())
                .set("connamespace", objects.namespaceOid(c.table().schema()))
                .set("contype", String.valueOf(c.type()))
                .set("convalidated", true).set("conrelid", c.table().id())
                .set("conislocal", true).set("connoinherit", c.type() == 'c');
        if (c.check() != null) {
            List<Integer> columns = CheckColumns.ordinals(c.table(), c.check().expressionSql());
            Object[] keys = new Object[columns.size()];
            for (int k = 0; k < keys.length; k++) keys[k] = (short) (columns.get(k) + 1);
            return row.set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ")
                    .set("conkey", new SqlArray(SqlType.INT2, keys))
                    .set("conbin", c.check().expressionSql())
                    .build();
        }
        Object[] keys = new Object[c.foreignKey().columns().size()];
        Object[] referencedKeys = new Object[keys.length];
        Object[] equalityOperators = new Object[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = (short) (c.foreignKey().columns().get(k) + 1);
            referencedKeys[k] = (short) (c.foreignKey().referencedColumns().get(k) + 1);
            equalityOperators[k] = 0L;
        }
        return row.set("conindid", c.referencedIndexOid()).set("confrelid", c.referenced().id())
                .set("confupdtype", String.valueOf(c.foreignKey().onUpdate().code()))
                .set("confdeltype", String.valueOf(c.foreignKey().onDelete().code()))
                .set("confmatchtype", "s")
                .set("conkey", new SqlArray(SqlType.INT2, keys))
                .set("confkey", new SqlArray(SqlType.INT2, referencedKeys))
                .set("conpfeqop", new SqlArray(SqlType.OID, equalityOperators))
                .set("conppeqop", new SqlArray(SqlType.OID, equalityOperators))
                .set("conffeqop", new SqlArray(SqlType.OID, equalityOperators))
                .build();
    }

    private static void attributeDefaults(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r') continue;
            TableDef table = relation.table();
            for (int i = 0; i < table.columns().size(); i++) {
                String defaultSql = table.columns().get(i).defaultSql();
                if (defaultSql == null) continue;
                out.add(shape.row()
                        .set("oid", ObjectIds.attributeDefaultOid(table.id(), i + 1))
                        .set("adrelid", table.id()).set("adnum", (short) (i + 1)).set("adbin", defaultSql)
                        .build());
            }
        }
    }

    private static void sequences(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'S') continue;
            SequenceDef sequence = relation.sequence();
            out.add(shape.row()
                    .set("seqrelid", sequence.id()).set("seqtypid", (long) sequenceType(objects, sequence).oid())
                    .set("seqstart", sequence.start()).set("seqincrement", sequence.increment())
                    .set("seqmax", sequence.maxValue()).set("seqmin", sequence.minValue())
                    .set("seqcache", 1L).set("seqcycle", sequence.cycle())
                    .build());
        }
    }

    /**
     * Only the dependencies clients read: a serial column's sequence is owned ('a', auto) by
     * the column, which psql's \d prints as "Owned by: public.t.id".
     */
    private static void dependencies(SystemTable.Context ignored, PgObjects.Snapshot objects, TableShape shape, List<Object[]> out) {
        long pgClass = ObjectIds.systemTableOid("pg_catalog", "pg_class");
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'S' || relation.sequence().ownedByTableId() == 0) continue;
            SequenceDef sequence = relation.sequence();
            int attnum = owningColumn(objects, sequence);
            if (attnum == 0) continue;
            out.add(shape.row()
                    .set("classid", pgClass).set("objid", sequence.id()).set("objsubid", 0)
                    .set("refclassid", pgClass).set("refobjid", sequence.ownedByTableId()).set("refobjsubid", attnum)
                    .set("deptype", "a")
                    .build());
        }
    }

    /** attnum of the integer column whose default draws from the sequence, or 0. */
    private static int owningColumn(PgObjects.Snapshot objects, SequenceDef sequence) {
        TableDef owner = objects.catalog().table(sequence.ownedByTableId());
        if (owner == null) return 0;
        for (int i = 0; i < owner.columns().size(); i++) {
            ColumnDef column = owner.columns().get(i);
            String defaultSql = column.defaultSql();
            if (defaultSql != null && defaultSql.contains("nextval(") && defaultSql.contains(sequence.name())
                    && column.type().type().isInteger()) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * A sequence's data type: that of the serial column whose default draws from it (integer
     * for serial), else bigint. SequenceDef does not record it; this is how PostgreSQL
     * would have created it.
     */
    static DataType sequenceType(PgObjects.Snapshot objects, SequenceDef sequence) {
        int attnum = owningColumn(objects, sequence);
        if (attnum == 0) return DataType.INT8;
        return objects.catalog().table(sequence.ownedByTableId()).columns().get(attnum - 1).type();
    }
}
