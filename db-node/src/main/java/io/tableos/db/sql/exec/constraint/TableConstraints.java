package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import java.util.List;

/**
 * A table's constraints as one plan enforces them: its CHECKs, the foreign keys it holds
 * (parent lookups) and the foreign keys that reference it (actions on its children). Built
 * by the planner only for a table that has at least one of these; immutable once its
 * {@link ChildReferences} are bound, so a cached plan shares it between sessions.
 *
 * <p>Use per statement: {@link #checkRow} before writing each new row, {@link #inserted},
 * {@link #updated} or {@link #deleted} after writing it, and {@link DeferredChecks#finish}
 * once at the end of the statement.
 */
public final class TableConstraints {
    private final TableDef table;
    private final List<CheckConstraint> checks;
    private final List<ParentKeyCheck> parents;
    private final List<ChildReferences> children;

    public TableConstraints(TableDef table, List<CheckConstraint> checks, List<ParentKeyCheck> parents, List<ChildReferences> children) {
        this.table = table;
        this.checks = List.copyOf(checks);
        this.parents = List.copyOf(parents);
        this.children = List.copyOf(children);
    }

    public TableDef table() { return table; }

    /** The foreign keys referencing this table, each to be bound to its child's constraints. */
    public List<ChildReferences> children() { return children; }

    /** A new queue for one statement's foreign-key work. */
    public DeferredChecks startStatement() {
        return new DeferredChecks();
    }

    /** CHECK constraints on a new row version (coerced values, one per column); 23514 on a false result. */
    public void checkRow(ExecContext ctx, Object[] row) {
        for (int i = 0; i < checks.size(); i++) checks.get(i).check(ctx, table, row);
    }

    /** After inserting {@code row}: its parents must exist at the end of the statement. */
    public void inserted(DeferredChecks work, Object[] row) {
        for (int i = 0; i < parents.size(); i++) {
            ParentKeyCheck p = parents.get(i);
            if (p.keyOf(row) != null) work.verifyParent(p, row);
        }
    }

    /** After replacing {@code oldRow} by {@code newRow}: changed foreign keys are checked, changed referenced keys act on children. */
    public void updated(DeferredChecks work, Object[] oldRow, Object[] newRow) {
        for (int i = 0; i < parents.size(); i++) {
            ParentKeyCheck p = parents.get(i);
            if (p.keyOf(newRow) != null && p.changed(oldRow, newRow)) work.verifyParent(p, newRow);
        }
        for (int i = 0; i < children.size(); i++) {
            ChildReferences c = children.get(i);
            if (c.changed(oldRow, newRow)) work.parentKeyRemoved(c, oldRow, newRow);
        }
    }

    /** After deleting {@code oldRow}: its children are acted on or must be gone by the end of the statement. */
    public void deleted(DeferredChecks work, Object[] oldRow) {
        for (int i = 0; i < children.size(); i++) work.parentKeyRemoved(children.get(i), oldRow, null);
    }
}
