package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ALTER [COLUMN] c [SET DATA] TYPE t, for the conversions that keep every value as it is:
 * integers and floats to wider ones or to unconstrained numeric, numeric to a wider
 * precision of the same scale, text and varchar to text or to a varchar every stored value
 * fits (checked first: 22001 otherwise). Storage re-encodes the rows, keys and indexes under
 * the new type. Other conversions (and USING) are refused with 0A000, as are columns in a
 * foreign key, whose two sides must keep one key encoding.
 */
final class ColumnTypeChange {
    private ColumnTypeChange() {}

    private static final Set<SqlType> TEXTS = Set.of(SqlType.TEXT, SqlType.VARCHAR);

    /** {@code original} and {@code store}: the table as stored, whose rows are checked; {@code def}: as altered so far. */
    static TableDef change(Catalog catalog, TableStore store, TableDef original, TableDef def, String column, DataType to) {
        int ordinal = def.columnOrdinal(column);
        ColumnDef c = def.columns().get(ordinal);
        DataType from = c.type();
        if (from.equals(to)) return def;
        if (!keepsValues(from, to)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER COLUMN TYPE from " + from.sqlName() + " to " + to.sqlName()
                    + " is not supported", null, "Add a column of the new type, fill it with UPDATE, then drop the old one.", 0, null);
        }
        if (inForeignKey(catalog, def, ordinal)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot change the type of column \"" + column
                    + "\": a foreign key uses it (drop the foreign key first)");
        }
        if (to.type() == SqlType.VARCHAR && to.length() >= 0 && !(from.type() == SqlType.VARCHAR && from.length() >= 0
                && from.length() <= to.length())) {
            int stored = original.columnOrdinal(column);
            if (stored >= 0) requireFits(original, store, stored, to);
        }
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        columns.set(ordinal, new ColumnDef(c.name(), to, c.notNull(), c.defaultSql()));
        return AlterTableDdl.withColumns(def, columns);
    }

    private static boolean keepsValues(DataType from, DataType to) {
        SqlType f = from.type();
        SqlType t = to.type();
        if (TEXTS.contains(f) && TEXTS.contains(t)) return true;  // lengths checked against the rows
        boolean unconstrainedNumeric = t == SqlType.NUMERIC && to.length() < 0;
        return switch (f) {
            case INT2 -> t == SqlType.INT4 || t == SqlType.INT8 || t == SqlType.FLOAT8 || unconstrainedNumeric;
            case INT4 -> t == SqlType.INT8 || t == SqlType.FLOAT8 || unconstrainedNumeric;
            case INT8 -> unconstrainedNumeric;
            case FLOAT4 -> t == SqlType.FLOAT8;
            case NUMERIC -> unconstrainedNumeric
                    || t == SqlType.NUMERIC && from.length() >= 0 && to.scale() == from.scale() && to.length() >= from.length();
            default -> false;
        };
    }

    private static boolean inForeignKey(Catalog catalog, TableDef def, int ordinal) {
        for (ForeignKeyDef fk : def.foreignKeys()) {
            if (fk.columns().contains(ordinal)) return true;
        }
        for (TableDef child : catalog.referencingTables(def.id())) {
            for (ForeignKeyDef fk : child.foreignKeys()) {
                if (fk.referencedTableId() == def.id() && fk.referencedColumns().contains(ordinal)) return true;
            }
        }
        return false;
    }

    private static void requireFits(TableDef def, TableStore store, int ordinal, DataType to) {
        if (store == null) return;
        try (KeyValueCursor cursor = store.scan(KeyRange.ALL, false)) {
            while (cursor.next()) {
                Object value = RowCodec.decode(def, cursor.value())[ordinal];
                if (value instanceof CharSequence s && s.toString().codePointCount(0, s.length()) > to.length()) {
                    throw new DbException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + to.sqlName());
                }
            }
        }
    }
}
