package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.func.Operators;

/**
 * The frame of every row of one sorted partition, as sorted positions [start, end): without a
 * frame clause PostgreSQL's default (the partition start to the row's last peer, the whole
 * partition without ORDER BY); ROWS frames by row counts; RANGE frames by peer groups or, with
 * offsets, by the value of the single ORDER BY key plus or minus the offset. Offsets are
 * evaluated once per partition, on its first row.
 */
final class FrameBounds {
    final int[] start;
    final int[] end;

    private FrameBounds(int n) {
        start = new int[n];
        end = new int[n];
    }

    static FrameBounds of(WindowSpec spec, Object[] firstRow, Object[][] sortValues, Integer[] order, ExecContext ctx) {
        int n = order.length;
        FrameBounds b = new FrameBounds(n);
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        for (int i = 0; i < n; ) {
            int last = i + 1;
            while (last < n && WindowNode.compareKeys(spec, sortValues[order[i]], sortValues[order[last]]) == 0) last++;
            for (int k = i; k < last; k++) { peerStart[k] = i; peerEnd[k] = last; }
            i = last;
        }
        WindowFrame frame = spec.frame();
        if (frame == null) {
            for (int i = 0; i < n; i++) b.end[i] = spec.orderBy().isEmpty() ? n : peerEnd[i];
            return b;
        }
        Object[] first = firstRow;
        if (!frame.rows() && (frame.start().offset() != null || frame.end().offset() != null)) {
            Object startOffset = frame.start().offset() == null ? null : WindowFrame.rangeOffset(frame.start(), first, ctx);
            Object endOffset = frame.end().offset() == null ? null : WindowFrame.rangeOffset(frame.end(), first, ctx);
            SortKey key = spec.orderBy().get(0);
            for (int i = 0; i < n; i++) {
                int[] rowBounds = frame.bounds(i, n, peerStart[i], peerEnd[i], 0, 0);
                Object k = sortValues[order[i]][0];
                b.start[i] = startOffset == null ? rowBounds[0]
                        : k == null ? peerStart[i] : firstAfter(key, sortValues, order, target(key, frame.start(), k, startOffset), false);
                b.end[i] = endOffset == null ? rowBounds[1]
                        : k == null ? peerEnd[i] : firstAfter(key, sortValues, order, target(key, frame.end(), k, endOffset), true);
            }
            return b;
        }
        long startOffset = WindowFrame.offset(frame.start(), first, ctx);
        long endOffset = WindowFrame.offset(frame.end(), first, ctx);
        for (int i = 0; i < n; i++) {
            int[] rowBounds = frame.bounds(i, n, peerStart[i], peerEnd[i], startOffset, endOffset);
            b.start[i] = rowBounds[0];
            b.end[i] = rowBounds[1];
        }
        return b;
    }

    /** The key value a RANGE bound reaches from {@code value}: PRECEDING goes against the sort direction, FOLLOWING with it. */
    private static Object target(SortKey key, WindowFrame.Bound bound, Object value, Object offset) {
        boolean towardsSmaller = (bound.kind() == WindowFrame.Kind.PRECEDING) != key.descending();
        return towardsSmaller ? Operators.subtract(value, offset) : Operators.add(value, offset);
    }

    /** The first sorted position whose key sorts at or after {@code target} (strictly after when {@code strictlyAfter}); a binary search over the sorted keys. */
    private static int firstAfter(SortKey key, Object[][] sortValues, Integer[] order, Object target, boolean strictlyAfter) {
        int low = 0;
        int high = order.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = key.compare(sortValues[order[mid]][0], target);
            if (strictlyAfter ? c <= 0 : c < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
