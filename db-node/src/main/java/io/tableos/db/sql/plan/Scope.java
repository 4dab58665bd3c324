package io.tableos.db.sql.plan;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns visible to an expression: the row layout of an operator's input, in order,
 * each with the name of the FROM item it came from; {@code parent} is the enclosing
 * query's scope (for correlated subqueries).
 */
public final class Scope {
    /**
     * @param qualifier table alias or name of the FROM item
     * @param hidden    not expanded by * and not addressable by name (the primary-key slot)
     */
    public record Column(String qualifier, String name, DataType type, long tableOid, int attributeNumber, boolean hidden) {}

    private final List<Column> columns;
    private final Scope parent;

    public Scope(List<Column> columns, Scope parent) {
        this.columns = columns;
        this.parent = parent;
    }

    public static Scope empty(Scope parent) {
        return new Scope(List.of(), parent);
    }

    public List<Column> columns() { return columns; }
    public Scope parent() { return parent; }
    public int width() { return columns.size(); }

    /** Index of the column, -1 when absent; 42702 when ambiguous. */
    public int find(String qualifier, String name) {
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.hidden() || !c.name().equals(name)) continue;
            if (qualifier != null && !qualifier.equals(c.qualifier())) continue;
            if (found >= 0) {
                throw new DbException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous");
            }
            found = i;
        }
        return found;
    }

    public boolean hasQualifier(String qualifier) {
        for (Column c : columns) if (qualifier.equals(c.qualifier())) return true;
        return false;
    }

    /** This scope's columns followed by {@code other}'s (the layout of a join's output). */
    public Scope concat(Scope other) {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(other.columns);
        return new Scope(all, parent);
    }

    public Scope withParent(Scope newParent) {
        return new Scope(columns, newParent);
    }
}
