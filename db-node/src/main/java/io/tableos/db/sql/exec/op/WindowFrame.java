package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DbException;

/**
 * A window frame clause ({@code ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}, {@code RANGE BETWEEN
 * INTERVAL '1 day' PRECEDING AND CURRENT ROW}): which rows of the sorted partition an aggregate
 * sees for each row. ROWS counts rows; RANGE moves whole peer groups (rows equal in the ORDER
 * BY), and with offsets reaches the rows whose single ORDER BY key is within the offset of the
 * current row's ({@link FrameBounds}). Offsets are evaluated once per partition and must not be
 * negative.
 */
public record WindowFrame(boolean rows, Bound start, Bound end) {

    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** @param offset PRECEDING / FOLLOWING's row count (ROWS) or key distance (RANGE), else null */
    public record Bound(Kind kind, Expr offset) {}

    /** The frame of the row at sorted position {@code i}: [first, end) in sorted positions, clamped to the partition. */
    int[] bounds(int i, int n, int peerStart, int peerEnd, long startOffset, long endOffset) {
        long first = switch (start.kind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case PRECEDING -> i - startOffset;
            case CURRENT_ROW -> rows ? i : peerStart;
            case FOLLOWING -> i + startOffset;
            case UNBOUNDED_FOLLOWING -> n;
        };
        long last = switch (end.kind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case PRECEDING -> i - endOffset + 1;
            case CURRENT_ROW -> rows ? i + 1 : peerEnd;
            case FOLLOWING -> i + endOffset + 1;
            case UNBOUNDED_FOLLOWING -> n;
        };
        return new int[] {(int) Math.max(0, Math.min(n, first)), (int) Math.max(0, Math.min(n, last))};
    }

    /** A RANGE bound's offset (a number or an interval, as the key), evaluated over {@code row}: 22013 when negative. */
    static Object rangeOffset(Bound bound, Object[] row, ExecContext ctx) {
        Object v = bound.offset().eval(row, ctx);
        if (v == null) throw new DbException("22004", "frame offset must not be null");
        boolean negative = v instanceof Number n ? io.tableos.db.sql.func.Operators.compare(n, 0) < 0
                : v instanceof io.tableos.db.types.Interval i && (i.months() < 0 || i.days() < 0 || i.micros() < 0);
        if (negative) throw new DbException("22013", "invalid preceding or following size in window function");
        return v;
    }

    /** The bound's offset, evaluated over {@code row}; 0 for bounds without one. */
    static long offset(Bound bound, Object[] row, ExecContext ctx) {
        if (bound.offset() == null) return 0;
        Object v = bound.offset().eval(row, ctx);
        if (v == null) throw new DbException("22004", "frame offset must not be null");
        long offset = ((Number) v).longValue();
        if (offset < 0) throw new DbException("22013", "frame offset must not be negative");
        return offset;
    }
}
