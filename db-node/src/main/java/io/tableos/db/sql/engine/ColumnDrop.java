package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * ALTER TABLE DROP COLUMN: the table definition without the column. As in PostgreSQL, the
 * indexes, CHECKs and foreign keys of this table that involve the column go with it (a notice
 * names each). Keys, indexes and foreign keys refer to columns by position, so every position
 * after the dropped column shifts down by one; storage then rewrites the rows by column name.
 *
 * <p>Refused: a primary-key column (rows are keyed by it), and a column at or before one that
 * another table's foreign key references (that table's positions would have to change in the
 * same step).
 */
final class ColumnDrop {
    private ColumnDrop() {}

    static TableDef drop(Catalog catalog, TableDef def, String column, List<String> notices) {
        int dropped = def.columnOrdinal(column);
        if (def.primaryKey().contains(dropped)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop column \"" + column + "\": it is part of the primary key");
        }
        for (TableDef child : catalog.referencingTables(def.id())) {
            if (child.id() == def.id()) continue;
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.referencedTableId() == def.id() && fk.referencedColumns().stream().anyMatch(c -> c >= dropped)) {
                    throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column \"" + column + "\" of table "
                            + def.name() + ": constraint " + fk.name() + " on table " + child.name() + " references its columns",
                            null, "Drop that foreign key first.", 0, null);
                }
            }
        }
        Predicate<String> named = DdlNames.mentionsColumn(column);
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef index : def.indexes()) {
            if (index.columns().contains(dropped) || named.test(index.predicateSql())) {
                notices.add("drop cascades to index " + index.name());
            } else {
                indexes.add(new IndexDef(index.id(), index.name(), index.tableId(), shifted(index.columns(), dropped),
                        index.descending(), index.unique(), index.predicateSql(), index.constraint()));
            }
        }
        List<CheckConstraintDef> checks = new ArrayList<>();
        for (CheckConstraintDef check : def.checks()) {
            if (named.test(check.expressionSql())) notices.add("drop cascades to constraint " + check.name());
            else checks.add(check);
        }
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        for (ForeignKeyDef fk : def.foreignKeys()) {
            boolean self = fk.referencedTableId() == def.id();
            if (fk.columns().contains(dropped) || self && fk.referencedColumns().contains(dropped)) {
                notices.add("drop cascades to constraint " + fk.name());
                continue;
            }
            foreignKeys.add(new ForeignKeyDef(fk.id(), fk.name(), shifted(fk.columns(), dropped), fk.referencedTableId(),
                    self ? shifted(fk.referencedColumns(), dropped) : fk.referencedColumns(), fk.onDelete(), fk.onUpdate()));
        }
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        columns.remove(dropped);
        return new TableDef(def.id(), def.schema(), def.name(), List.copyOf(columns), shifted(def.primaryKey(), dropped),
                def.primaryKeyName(), List.copyOf(indexes), def.hiddenKeySequenceId(), checks, foreignKeys);
    }

    /** Column positions after the dropped one move down by one. */
    private static List<Integer> shifted(List<Integer> ordinals, int dropped) {
        List<Integer> out = new ArrayList<>(ordinals.size());
        for (int o : ordinals) out.add(o > dropped ? o - 1 : o);
        return List.copyOf(out);
    }
}
