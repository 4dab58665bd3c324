package io.tableos.db.sql.exec;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * Named maxima of everything a query can grow in memory. Reaching one fails the statement
 * with 54000 (program_limit_exceeded) instead of exhausting the heap.
 */
public final class Limits {
    private Limits() {}

    /** Rows a sort may hold. */
    public static final int SORT_ROWS_MAX = 1_000_000;
    /** Build-side rows of a hash join. */
    public static final int HASH_JOIN_ROWS_MAX = 1_000_000;
    /** Groups of a GROUP BY (and rows of DISTINCT / UNION / INTERSECT / EXCEPT). */
    public static final int GROUPS_MAX = 1_000_000;
    /** Rows an UPDATE or DELETE collects before writing (Halloween protection), and RETURNING rows. */
    public static final int DML_ROWS_MAX = 1_000_000;
    /** Values of one string_agg / array_agg group. */
    public static final int AGGREGATE_VALUES_MAX = 1_000_000;
    /** Rows a scan reads per storage cursor before closing it, so no storage cursor outlives a fetch. */
    public static final int SCAN_CHUNK_ROWS = 256;
    /**
     * Key and row bytes after which a scan's chunk ends early (it holds at least one row): 256 rows
     * of 1 MiB values were 256 MiB of heap for one count(*).
     */
    public static final int SCAN_CHUNK_BYTES = 4 << 20;
    /** Materialised rows of a subquery (IN list, CTE) . */
    public static final int SUBQUERY_ROWS_MAX = 1_000_000;

    public static void check(long count, int max, String what) {
        if (count > max) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, what + " exceeds the limit of " + max + " rows");
        }
    }
}
