package io.tableos.db.sql.exec.constraint;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement's foreign-key work, run by {@link #finish} after all its rows are written,
 * as PostgreSQL runs its RI triggers at the end of the statement: so a statement may insert
 * a child before its parent, or delete a whole self-referencing tree. Actions (CASCADE, SET
 * NULL, SET DEFAULT) run first, in the order their parent rows changed, and may queue more
 * work on grandchildren; then every queued check runs against the final state.
 */
public final class DeferredChecks {
    private record Removed(ChildReferences references, Object[] key, Object[] newParentRow) {}
    private record ChildRow(ParentKeyCheck check, Object[] row) {}
    private record Blocked(ChildReferences references, Object[] key) {}

    private final ArrayDeque<Removed> actions = new ArrayDeque<>();
    private final List<ChildRow> childRows = new ArrayList<>();
    private final List<Blocked> blocked = new ArrayList<>();

    DeferredChecks() {}

    void verifyParent(ParentKeyCheck check, Object[] childRow) {
        Limits.check(childRows.size() + 1, Limits.DML_ROWS_MAX, "foreign-key checks of one statement");
        childRows.add(new ChildRow(check, childRow));
    }

    void parentKeyRemoved(ChildReferences references, Object[] oldParentRow, Object[] newParentRow) {
        Object[] key = references.referencedKey(oldParentRow);
        if (key == null) return;
        Limits.check(blocked.size() + actions.size() + 1, Limits.DML_ROWS_MAX, "foreign-key actions of one statement");
        if (references.action(newParentRow == null).blocks()) blocked.add(new Blocked(references, key));
        else actions.add(new Removed(references, key, newParentRow));
    }

    /** Runs the queued actions, then the checks; throws 23503 (or the action's error) on the first violation. */
    public void finish(ExecContext ctx) {
        Removed action;
        while ((action = actions.poll()) != null) {
            ctx.checkInterrupts();
            action.references().apply(ctx, this, action.key(), action.newParentRow());
        }
        for (Blocked b : blocked) {
            ctx.checkInterrupts();
            b.references().verifyUnreferenced(ctx, b.key());
        }
        for (ChildRow c : childRows) {
            ctx.checkInterrupts();
            c.check().verify(ctx, c.row());
        }
        blocked.clear();
        childRows.clear();
    }
}
