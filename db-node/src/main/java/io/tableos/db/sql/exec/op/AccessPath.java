package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.sql.exec.Expr;
import java.util.List;

/**
 * How a table access finds its rows: the primary key or one secondary index ({@code index}
 * null = primary key), equality constraints on a prefix of its columns, and an optional
 * range on the next column. No constraints at all is a full scan in key order.
 *
 * @param equalities one entry per leading key column
 * @param low        lower bound on the column after the equalities, or null
 * @param high       upper bound on that column, or null
 * @param descending scan in reverse key order (ORDER BY ... DESC served by the key)
 * @param ordered    chosen for its order (ORDER BY served): EXPLAIN calls a full read of the
 *                   primary key an index scan then, as PostgreSQL would
 */
public record AccessPath(IndexDef index, List<KeyValues> equalities, Expr low, boolean lowInclusive,
                         Expr high, boolean highInclusive, boolean descending, boolean ordered) {

    public static AccessPath fullScan(boolean descending) {
        return new AccessPath(null, List.of(), null, false, null, false, descending, false);
    }

    public boolean isFullScan() {
        return index == null && equalities.isEmpty() && low == null && high == null;
    }

    public boolean hasRange() {
        return low != null || high != null;
    }
}
