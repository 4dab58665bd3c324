package io.tableos.db.catalog;

import java.util.List;

/**
 * A table's definition; immutable, replaced whole by DDL.
 *
 * <p>Rows are stored keyed by the primary key. A table declared without one gets a hidden
 * key: an 8-byte row id drawn from {@link #hiddenKeySequenceId}, and {@code primaryKey} is
 * empty.
 *
 * @param id         catalog-wide unique id, never reused
 * @param schema     schema name, e.g. {@code public}
 * @param name       table name
 * @param columns    visible columns in ordinal order (ordinal = index in this list)
 * @param primaryKey column ordinals of the primary key, in key order; empty for a hidden key
 * @param primaryKeyName constraint name of the primary key (e.g. {@code t_pkey}), or null
 * @param indexes    secondary indexes, including those backing UNIQUE constraints
 * @param hiddenKeySequenceId sequence drawing hidden row ids, or 0 when the table has a primary key
 */
public record TableDef(long id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                       String primaryKeyName, List<IndexDef> indexes, long hiddenKeySequenceId) {

    public boolean hasHiddenKey() {
        return primaryKey.isEmpty();
    }

    /** Ordinal of the named column, or -1. */
    public int columnOrdinal(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) return i;
        }
        return -1;
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
