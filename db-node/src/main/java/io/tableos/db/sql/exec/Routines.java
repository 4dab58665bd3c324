package io.tableos.db.sql.exec;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import java.util.List;

/**
 * Runs server-side functions (CREATE FUNCTION) and triggers inside the calling statement's
 * transaction. The engine provides the implementation (it parses each body once and caches it);
 * operators reach it through {@link SessionInfo#routines()}.
 */
public interface Routines {
    /** Calls {@code function} with one value per declared parameter; one row per result row (one column for a scalar result). */
    List<Object[]> call(FunctionDef function, Object[] arguments, ExecContext ctx);

    /**
     * Fires one trigger. For a row trigger {@code oldRow}/{@code newRow} are the table's values (null where the event has none);
     * returns the row a BEFORE ROW trigger lets through (null: skip the row), else the event's row (new, or old for DELETE).
     * {@code event} is one of
     * TriggerDef's event bits.
     */
    Object[] fire(TriggerDef trigger, TableDef table, int event, Object[] oldRow, Object[] newRow, ExecContext ctx);
}
