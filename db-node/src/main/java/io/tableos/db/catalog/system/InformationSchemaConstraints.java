package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.TableDef;

import java.util.List;

/**
 * information_schema's constraint views as PostgreSQL 15 shows them: table_constraints,
 * key_column_usage, referential_constraints, check_constraints and constraint_column_usage.
 * Primary keys and UNIQUE constraints come from {@link PgIndex}, CHECK and FOREIGN KEY from
 * {@link PgConstraint}; PostgreSQL 15 also shows each NOT NULL column as a CHECK constraint
 * named {@code namespaceoid_tableoid_attnum_not_null} (in table_constraints and
 * check_constraints only: it has no pg_constraint row, so no column usage).
 */
final class InformationSchemaConstraints {
    private InformationSchemaConstraints() {}

    static void register(SystemTables registry, PgObjects objects) {
        registry.register(new ShapedSystemTable("information_schema.table_constraints", objects, InformationSchemaConstraints::tableConstraints));
        registry.register(new ShapedSystemTable("information_schema.key_column_usage", objects, InformationSchemaConstraints::keyColumnUsage));
        registry.register(new ShapedSystemTable("information_schema.referential_constraints", objects,
                InformationSchemaConstraints::referentialConstraints));
        registry.register(new ShapedSystemTable("information_schema.check_constraints", objects, InformationSchemaConstraints::checkConstraints));
        registry.register(new ShapedSystemTable("information_schema.constraint_column_usage", objects,
                InformationSchemaConstraints::constraintColumnUsage));
    }

    private static void tableConstraints(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape,
                                         List<Object[]> out) {
        String database = context.currentDatabase();
        for (PgIndex index : objects.indexes()) {
            if (index.constraintOid() == 0) continue;
            out.add(constraintRow(shape, database, index.table(), index.name(),
                    index.constraintType() == 'p' ? "PRIMARY KEY" : "UNIQUE", index.constraintType() == 'u' ? "YES" : null));
        }
        for (PgConstraint c : objects.checksAndForeignKeys()) {
            out.add(constraintRow(shape, database, c.table(), c.name(), c.type() == 'c' ? "CHECK" : "FOREIGN KEY", null));
        }
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r') continue;
            TableDef table = relation.table();
            for (int i = 0; i < table.columns().size(); i++) {
                if (isNotNull(table, i)) out.add(constraintRow(shape, database, table, notNullName(relation, i), "CHECK", null));
            }
        }
    }

    private static Object[] constraintRow(TableShape shape, String database, TableDef table, String name, String type,
                                          String nullsDistinct) {
        return shape.row()
                .set("constraint_catalog", database).set("constraint_schema", table.schema()).set("constraint_name", name)
                .set("table_catalog", database).set("table_schema", table.schema()).set("table_name", table.name())
                .set("constraint_type", type).set("is_deferrable", "NO").set("initially_deferred", "NO")
                .set("enforced", "YES").set("nulls_distinct", nullsDistinct)
                .build();
    }

    /** Columns of primary keys, UNIQUE constraints and foreign keys (not CHECKs), in key order. */
    private static void keyColumnUsage(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape,
                                       List<Object[]> out) {
        String database = context.currentDatabase();
        for (PgIndex index : objects.indexes()) {
            if (index.constraintOid() == 0) continue;
            for (int k = 0; k < index.columns().size(); k++) {
                out.add(keyColumnRow(shape, database, index.table(), index.name(), index.columns().get(k), k + 1, null));
            }
        }
        for (PgConstraint c : objects.checksAndForeignKeys()) {
            if (c.foreignKey() == null) continue;
            ForeignKeyDef fk = c.foreignKey();
            PgIndex referencedIndex = referencedIndex(objects, c);
            for (int k = 0; k < fk.columns().size(); k++) {
                // position_in_unique_constraint: where the referenced column sits in the referenced key.
                Integer position = null;
                if (referencedIndex != null) {
                    int at = referencedIndex.columns().indexOf(fk.referencedColumns().get(k));
                    if (at >= 0) position = at + 1;
                }
                out.add(keyColumnRow(shape, database, c.table(), c.name(), fk.columns().get(k), k + 1, position));
            }
        }
    }

    private static Object[] keyColumnRow(TableShape shape, String database, TableDef table, String constraintName, int column,
                                         int ordinalPosition, Integer positionInUniqueConstraint) {
        return shape.row()
                .set("constraint_catalog", database).set("constraint_schema", table.schema()).set("constraint_name", constraintName)
                .set("table_catalog", database).set("table_schema", table.schema()).set("table_name", table.name())
                .set("column_name", table.columns().get(column).name())
                .set("ordinal_position", ordinalPosition)
                .set("position_in_unique_constraint", positionInUniqueConstraint)
                .build();
    }

    private static void referentialConstraints(SystemTable.Context context, PgObjects.Snapshot objects,
                                               TableShape shape, List<Object[]> out) {
        String database = context.currentDatabase();
        for (PgConstraint c : objects.checksAndForeignKeys()) {
            if (c.foreignKey() == null) continue;
            PgIndex referencedIndex = referencedIndex(objects, c);
            // PostgreSQL names the referenced key only when it is a constraint, not a bare unique index.
            boolean named = referencedIndex != null && referencedIndex.constraintOid() != 0;
            out.add(shape.row()
                    .set("constraint_catalog", database).set("constraint_schema", c.table().schema()).set("constraint_name", c.name())
                    .set("unique_constraint_catalog", named ? database : null)
                    .set("unique_constraint_schema", named ? referencedIndex.schema() : null)
                    .set("unique_constraint_name", named ? referencedIndex.name() : null)
                    .set("match_option", "NONE") // MATCH SIMPLE, which the standard calls NONE
                    .set("update_rule", c.foreignKey().onUpdate().sql())
                    .set("delete_rule", c.foreignKey().onDelete().sql())
                    .build());
        }
    }

    private static void checkConstraints(SystemTable.Context context, PgObjects.Snapshot objects, TableShape shape,
                                         List<Object[]> out) {
        String database = context.currentDatabase();
        for (PgConstraint c : objects.checksAndForeignKeys()) {
            if (c.check() == null) continue;
            // pg_get_constraintdef minus its leading "CHECK ": the expression in double parentheses.
            out.add(checkRow(shape, database, c.table().schema(), c.name(), "((" + c.check().expressionSql() + "))"));
        }
        for (PgRelation relation : objects.relations()) {
            if (relation.kind() != 'r') continue;
            TableDef table = relation.table();
            for (int i = 0; i < table.columns().size(); i++) {
                if (!isNotNull(table, i)) continue;
                String clause = Definitions.quoteIdent(table.columns().get(i).name()) + " IS NOT NULL";
                out.add(checkRow(shape, database, table.schema(), notNullName(relation, i), clause));
            }
        }
    }

    private static Object[] checkRow(TableShape shape, String database, String schema, String name, String clause) {
        return shape.row()
                .set("constraint_catalog", database).set("constraint_schema", schema).set("constraint_name", name)
                .set("check_clause", clause)
                .build();
    }

    /**
     * The columns each constraint uses: a key's own columns, a CHECK's mentioned columns, and
     * for a foreign key the referenced table's columns (as PostgreSQL 15 shows it).
     */
    private static void constraintColumnUsage(SystemTable.Context context, PgObjects.Snapshot objects,
                                              TableShape shape, List<Object[]> out) {
        String database = context.currentDatabase();
        for (PgIndex index : objects.indexes()) {
            if (index.constraintOid() == 0) continue;
            for (int column : index.columns()) {
                out.add(columnUsageRow(shape, database, index.table(), column, index.schema(), index.name()));
            }
        }
        for (PgConstraint c : objects.checksAndForeignKeys()) {
            if (c.check() != null) {
                for (int column : CheckColumns.ordinals(c.table(), c.check().expressionSql())) {
                    out.add(columnUsageRow(shape, database, c.table(), column, c.table().schema(), c.name()));
                }
            } else {
                for (int column : c.foreignKey().referencedColumns()) {
                    out.add(columnUsageRow(shape, database, c.referenced(), column, c.table().schema(), c.name()));
                }
            }
        }
    }

    private static Object[] columnUsageRow(TableShape shape, String database, TableDef table, int column, String constraintSchema,
                                           String constraintName) {
        return shape.row()
                .set("table_catalog", database).set("table_schema", table.schema()).set("table_name", table.name())
                .set("column_name", table.columns().get(column).name())
                .set("constraint_catalog", database).set("constraint_schema", constraintSchema).set("constraint_name", constraintName)
                .build();
    }

    private static PgIndex referencedIndex(PgObjects.Snapshot objects, PgConstraint c) {
        PgRelation relation = c.referencedIndexOid() == 0 ? null : objects.relation(c.referencedIndexOid());
        return relation == null ? null : relation.index();
    }

    private static boolean isNotNull(TableDef table, int column) {
        return table.columns().get(column).notNull() || !table.hasHiddenKey() && table.primaryKey().contains(column);
    }

    /** PostgreSQL 15's name for the CHECK that information_schema derives from a NOT NULL column. */
    private static String notNullName(PgRelation relation, int column) {
        return relation.namespaceOid() + "_" + relation.table().id() + "_" + (column + 1) + "_not_null";
    }
}
