package io.tableos.db.storage;

import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ALTER TABLE for {@link ChronicleStorage}: builds the store of a new definition next to
 * the old one and never modifies the old one, so a duplicate found by a new unique index or
 * primary key (23505) leaves everything as it was. When the rows keep their encoding
 * (same column types, same primary key) only added or changed indexes are built and the
 * row map is shared; otherwise every row is rewritten into a new map.
 */
final class TableRebuilder {
    private final StorageConfig config;
    private final MapGrower grower;

    TableRebuilder(StorageConfig config, MapGrower grower) {
        this.config = config;
        this.grower = grower;
    }

    /** A store for {@code newDef}: sharing the old one's row map when the row layout is unchanged (the old must not be closed then). */
    ChronicleTableStore rebuild(ChronicleTableStore old, TableDef newDef, Object[] fillValues, List<ColumnConversion> conversions) {
        if (conversions.isEmpty() && old.def().sharesRowLayout(newDef)) return withIndexesOf(old, newDef);
        return rewriteRows(old, newDef, fillValues, conversions);
    }

    /** A store for {@code newDef}, whose rows read as {@code old}'s do: old's row map, indexes kept where unchanged and built otherwise. */
    ChronicleTableStore withIndexesOf(ChronicleTableStore old, TableDef newDef) {
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (IndexDef indexDef : newDef.indexes()) {
            SecondaryIndex existing = findSame(old, indexDef);
            PackedKeySet entries = existing != null ? existing.entries : new PackedKeySet();
            SecondaryIndex index = new SecondaryIndex(newDef, indexDef, config.predicateCompiler(), entries);
            if (existing == null) index.rebuildFrom(old);
            indexes.add(index);
        }
        return new ChronicleTableStore(newDef, old.rows, old.primaryKeys, indexes);
    }

    private static SecondaryIndex findSame(ChronicleTableStore old, IndexDef indexDef) {
        for (SecondaryIndex index : old.indexes) {
            IndexDef d = index.def;
            if (d.id() == indexDef.id() && d.columns().equals(indexDef.columns()) && d.descending().equals(indexDef.descending())
                    && d.unique() == indexDef.unique() && java.util.Objects.equals(d.predicateSql(), indexDef.predicateSql())) {
                return index;
            }
        }
        return null;
    }

    private ChronicleTableStore rewriteRows(ChronicleTableStore old, TableDef newDef, Object[] fillValues, List<ColumnConversion> conversions) {
        if (newDef.hasHiddenKey() && !old.def().hasHiddenKey()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "dropping the primary key of a table is not supported");
        }
        int[] sourceOrdinals = sourceOrdinals(old.def(), newDef);
        List<Function<Object[], Object>> converted = new ArrayList<>(java.util.Collections.nCopies(newDef.columns().size(), null));
        for (ColumnConversion c : conversions) {
            converted.set(c.ordinal(), config.predicateCompiler().compileConversion(old.def(), c, newDef.columns().get(c.ordinal()).type()));
        }
        // Converted values are new values: they must pass the CHECK constraints (unknown passes, as in PostgreSQL).
        List<Predicate<Object[]>> checks = new ArrayList<>();
        if (!conversions.isEmpty()) {
            for (CheckConstraintDef check : newDef.checks()) {
                checks.add(config.predicateCompiler().compile(newDef, "(" + check.expressionSql() + ") IS NOT FALSE"));
            }
        }
        ChronicleTableStore rewritten = ChronicleTableStore.create(newDef, config, old.rowCount(), grower);
        try (KeyValueCursor c = old.scan(KeyRange.ALL, false)) {
            while (c.next()) {
                Object[] oldRow = RowCodec.decode(old.def(), c.value());
                Object[] row = new Object[newDef.columns().size()];
                int added = 0;
                for (int i = 0; i < row.length; i++) {
                    if (converted.get(i) != null) row[i] = convert(converted.get(i), oldRow, newDef, i);
                    else row[i] = sourceOrdinals[i] >= 0 ? oldRow[sourceOrdinals[i]] : fillValue(fillValues, newDef, i, added++);
                }
                for (int k = 0; k < checks.size(); k++) {
                    if (!checks.get(k).test(row)) throw checkViolated(newDef, newDef.checks().get(k).name());
                }
                byte[] primaryKey = newDef.hasHiddenKey() ? c.key() : KeyCodec.primaryKey(newDef, row, 0);
                if (rewritten.get(primaryKey) != null) {
                    String name = newDef.primaryKeyName() == null ? newDef.name() + "_pkey" : newDef.primaryKeyName();
                    throw duplicate(newDef, name, newDef.primaryKey(), row);
                }
                rewritten.putWithoutIndexes(primaryKey, RowCodec.encode(newDef, row));
            }
            rewritten.rebuildIndexes();
        } catch (RuntimeException | Error e) {
            rewritten.close();
            throw e;
        }
        return rewritten;
    }

    /** A converted column's value; a null where the column may hold none fails the change with 23502, as in PostgreSQL. */
    private static Object convert(Function<Object[], Object> conversion, Object[] oldRow, TableDef newDef, int ordinal) {
        Object value = conversion.apply(oldRow);
        ColumnDef column = newDef.columns().get(ordinal);
        if (value == null && (column.notNull() || newDef.primaryKey().contains(ordinal))) {
            throw new DbException(SqlState.NOT_NULL_VIOLATION, "column \"" + column.name() + "\" of relation \"" + newDef.name() + "\" contains null values");
        }
        return value;
    }

    private static DbException checkViolated(TableDef def, String constraintName) {
        return new DbException(SqlState.CHECK_VIOLATION, "check constraint \"" + constraintName + "\" of relation \"" + def.name() + "\" is violated by some row");
    }

    /** For each new column, the old ordinal it takes its value from, or -1 for an added column. */
    private static int[] sourceOrdinals(TableDef oldDef, TableDef newDef) {
        int[] source = new int[newDef.columns().size()];
        boolean positional = source.length >= oldDef.columns().size();
        for (int i = 0; positional && i < oldDef.columns().size(); i++) {
            positional = oldDef.columns().get(i).type().type() == newDef.columns().get(i).type().type();
        }
        for (int i = 0; i < source.length; i++) {
            ColumnDef column = newDef.columns().get(i);
            source[i] = positional ? (i < oldDef.columns().size() ? i : -1) : oldDef.columnOrdinal(column.name());
        }
        return source;
    }

    /** fillValues holds either one value per added column or one per column of the new definition. */
    private static Object fillValue(Object[] fillValues, TableDef newDef, int ordinal, int addedIndex) {
        if (fillValues == null) return null;
        if (fillValues.length == newDef.columns().size()) return fillValues[ordinal];
        return addedIndex < fillValues.length ? fillValues[addedIndex] : null;
    }

    static DbException duplicate(TableDef def, String constraintName, List<Integer> ordinals, Object[] row) {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int ordinal : ordinals) {
            if (columns.length() > 0) {
                columns.append(", ");
                values.append(", ");
            }
            columns.append(def.columns().get(ordinal).name());
            values.append(row[ordinal]);
        }
        return new DbException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + constraintName + "\"",
                "Key (" + columns + ")=(" + values + ") is duplicated.", null, 0, null);
    }
}
