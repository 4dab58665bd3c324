package io.tableos.db.catalog;

import java.util.Arrays;

/**
 * What the planner knows about a table's contents: its row count and, once ANALYZE has run,
 * an estimate of the number of distinct non-null values per column. Immutable; a new
 * ANALYZE replaces it whole.
 *
 * @param rowCount          rows in the table when measured
 * @param distinctPerColumn per column (by position), estimated distinct values; null when the
 *                          table was never analyzed (estimates then use defaults)
 */
public record TableStatistics(long rowCount, long[] distinctPerColumn) {

    /** Rows assumed for a table the planner knows nothing about (PostgreSQL assumes about as many for a new table). */
    public static final long UNKNOWN_ROW_COUNT = 1000;

    public static final TableStatistics UNKNOWN = new TableStatistics(UNKNOWN_ROW_COUNT, null);

    public TableStatistics {
        if (rowCount < 0) throw new IllegalArgumentException("rowCount " + rowCount);
        distinctPerColumn = distinctPerColumn == null ? null : distinctPerColumn.clone();
    }

    public boolean analyzed() {
        return distinctPerColumn != null;
    }

    /** Estimated distinct values of a column, or -1 when unknown. */
    public long distinct(int column) {
        if (distinctPerColumn == null || column >= distinctPerColumn.length) return -1;
        return distinctPerColumn[column];
    }

    @Override
    public long[] distinctPerColumn() {
        return distinctPerColumn == null ? null : distinctPerColumn.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableStatistics t && t.rowCount == rowCount && Arrays.equals(t.distinctPerColumn, distinctPerColumn);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rowCount) * 31 + Arrays.hashCode(distinctPerColumn);
    }

    @Override
    public String toString() {
        return "TableStatistics[rows=" + rowCount + ", distinct=" + Arrays.toString(distinctPerColumn) + "]";
    }
}
