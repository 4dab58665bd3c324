package io.tableos.db.catalog;

/**
 * Where the planner reads table statistics. A node keeps its own (ANALYZE fills them;
 * they are estimates, not replicated state, as in PostgreSQL where each server's planner
 * works from its own pg_statistic), so an implementation may answer from live counts.
 */
public interface Statistics {
    /** Never null: a table with nothing known gets {@link TableStatistics#UNKNOWN}. */
    TableStatistics of(TableDef table);

    Statistics NONE = table -> TableStatistics.UNKNOWN;
}
