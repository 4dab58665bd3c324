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
 * @param checks     CHECK constraints, in creation order
 * @param foreignKeys FOREIGN KEY constraints this table holds (as the referencing side), in creation order
 */
public record TableDef(long id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                       String primaryKeyName, List<IndexDef> indexes, long hiddenKeySequenceId,
                       List<CheckConstraintDef> checks, List<ForeignKeyDef> foreignKeys) {

    public TableDef {
        checks = checks == null ? List.of() : List.copyOf(checks);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
    }

    /**
     * A table without CHECK or FOREIGN KEY constraints. Code that rebuilds an existing
     * definition must carry its constraints over ({@link #withConstraints}), not use this.
     */
    public TableDef(long id, String schema, String name, List<ColumnDef> columns, List<Integer> primaryKey,
                    String primaryKeyName, List<IndexDef> indexes, long hiddenKeySequenceId) {
        this(id, schema, name, columns, primaryKey, primaryKeyName, indexes, hiddenKeySequenceId, List.of(), List.of());
    }

    /** This definition under another name (the same table, rows and indexes). */
    public TableDef withName(String newName) {
        return new TableDef(id, schema, newName, columns, primaryKey, primaryKeyName, indexes, hiddenKeySequenceId, checks, foreignKeys);
    }

    /** This definition with other CHECK and FOREIGN KEY constraints. */
    public TableDef withConstraints(List<CheckConstraintDef> newChecks, List<ForeignKeyDef> newForeignKeys) {
        return new TableDef(id, schema, name, columns, primaryKey, primaryKeyName, indexes, hiddenKeySequenceId, newChecks, newForeignKeys);
    }

    /** True when the table holds a CHECK or FOREIGN KEY constraint. */
    public boolean hasConstraints() {
        return !checks.isEmpty() || !foreignKeys.isEmpty();
    }

    public boolean hasHiddenKey() {
        return primaryKey.isEmpty();
    }

    /**
     * True when rows and keys encoded for {@code other} read the same under this definition:
     * the same primary key and column types, position by position (names, indexes and
     * constraints may differ). Storage keeps the rows of such a change; otherwise it rewrites them.
     */
    public boolean sharesRowLayout(TableDef other) {
        if (!primaryKey.equals(other.primaryKey) || columns.size() != other.columns.size()) return false;
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).type().equals(other.columns.get(i).type())) return false;
        }
        return true;
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
