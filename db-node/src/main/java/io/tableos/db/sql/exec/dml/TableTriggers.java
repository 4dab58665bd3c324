package io.tableos.db.sql.exec.dml;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The triggers one INSERT, UPDATE or DELETE statement fires on its table, where PostgreSQL fires
 * them: BEFORE STATEMENT first; BEFORE ROW per row before it is written (it may change the row
 * or skip it); AFTER ROW queued and fired when the statement's rows are written, then AFTER
 * STATEMENT. They run in the writing transaction, so their writes are part of it and replicate
 * as ordinary writes; replicas never fire them. Null from {@link #of} when none apply, so a
 * table without triggers pays one catalog lookup per statement.
 */
final class TableTriggers {
    private final TableDef table;
    private final int event;
    private final List<TriggerDef> triggers;
    private final AfterRows afterRows;

    /**
     * AFTER ROW events not yet fired, in the order the rows were written: whose triggers, old and
     * new row (either may be null). A MERGE's INSERT, UPDATE and DELETE triggers share one, since
     * PostgreSQL fires its AFTER ROW events in the order of the writes, whatever their kind.
     */
    static final class AfterRows {
        private record Event(TableTriggers triggers, Object[] oldRow, Object[] newRow) {}

        private final List<Event> events = new ArrayList<>();

        private void add(TableTriggers triggers, Object[] oldRow, Object[] newRow) {
            Limits.check(events.size() + 1, Limits.DML_ROWS_MAX, "queued AFTER trigger events");
            events.add(new Event(triggers, oldRow, newRow));
        }

        void fire(ExecContext ctx) {
            for (Event e : events) {
                for (TriggerDef t : e.triggers().triggers) if (!t.before() && t.forEachRow()) e.triggers().fire(ctx, t, e.oldRow(), e.newRow());
            }
            events.clear();
        }
    }

    private TableTriggers(TableDef table, int event, List<TriggerDef> triggers, AfterRows afterRows) {
        this.table = table;
        this.event = event;
        this.triggers = triggers;
        this.afterRows = afterRows;
    }

    /**
     * @param assignedColumns for UPDATE, the ordinals its SET assigns (UPDATE OF col fires only when col is assigned); else null
     */
    static TableTriggers of(ExecContext ctx, TableDef table, int event, int[] assignedColumns) {
        return of(ctx, table, event, assignedColumns, new AfterRows());
    }

    /** With the queue of AFTER ROW events {@code afterRows}, shared with other triggers of the same statement. */
    static TableTriggers of(ExecContext ctx, TableDef table, int event, int[] assignedColumns, AfterRows afterRows) {
        List<TriggerDef> matching = null;
        for (TriggerDef t : ctx.catalog().routines().triggersOf(table.id())) {
            if (!t.firesOn(event) || (event == TriggerDef.UPDATE && !assignsAny(table, t, assignedColumns))) continue;
            if (matching == null) matching = new ArrayList<>();
            matching.add(t);
        }
        return matching == null ? null : new TableTriggers(table, event, matching, afterRows);
    }

    private static boolean assignsAny(TableDef table, TriggerDef t, int[] assignedColumns) {
        if (t.updateColumns().isEmpty()) return true;
        for (String column : t.updateColumns()) {
            int ordinal = table.columnOrdinal(column);
            for (int assigned : assignedColumns) if (assigned == ordinal) return true;
        }
        return false;
    }

    void beforeStatement(ExecContext ctx) {
        for (TriggerDef t : triggers) if (t.before() && !t.forEachRow()) fire(ctx, t, null, null);
    }

    /**
     * BEFORE ROW triggers in name order; null: skip the row. For INSERT and UPDATE each sees the row the previous one
     * returned; for DELETE each sees the row being deleted, and what it returns only says whether to go on (as PostgreSQL).
     */
    Object[] beforeRow(ExecContext ctx, Object[] oldRow, Object[] newRow) {
        Object[] current = event == TriggerDef.DELETE ? oldRow : newRow;
        for (TriggerDef t : triggers) {
            if (!t.before() || !t.forEachRow()) continue;
            if (event == TriggerDef.DELETE) {
                if (fire(ctx, t, oldRow, null) == null) return null;
                continue;
            }
            current = fire(ctx, t, oldRow, current);
            if (current == null) return null;
        }
        return current;
    }

    void afterRow(Object[] oldRow, Object[] newRow) {
        for (TriggerDef t : triggers) {
            if (t.before() || !t.forEachRow()) continue;
            afterRows.add(this, oldRow, newRow);
            return;
        }
    }

    /** At the end of the statement: the queued AFTER ROW events, then AFTER STATEMENT triggers. */
    void finish(ExecContext ctx) {
        afterRows.fire(ctx);
        afterStatement(ctx);
    }

    void afterStatement(ExecContext ctx) {
        for (TriggerDef t : triggers) if (!t.before() && !t.forEachRow()) fire(ctx, t, null, null);
    }

    private Object[] fire(ExecContext ctx, TriggerDef t, Object[] oldRow, Object[] newRow) {
        return ctx.session().routines().fire(t, table, event, oldRow, newRow, ctx);
    }
}
