package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/** LIMIT / OFFSET (null expressions: no limit, no offset). Stops pulling once the limit is reached. */
public record LimitNode(PlanNode child, Expr limit, Expr offset) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        long max = count(limit, ctx, Long.MAX_VALUE, "LIMIT");
        long skip = count(offset, ctx, 0, "OFFSET");
        if (max == 0) return RowIterator.EMPTY;
        RowIterator it = ctx.open(child, input);
        return new RowIterator() {
            long skipped, produced;
            public Object[] next() {
                if (produced >= max) return null;
                Object[] row;
                while (skipped < skip) {
                    if (it.next() == null) return null;
                    skipped++;
                }
                row = it.next();
                if (row != null) produced++;
                return row;
            }
            public void close() { it.close(); }
        };
    }

    private static long count(Expr e, ExecContext ctx, long absent, String what) {
        if (e == null) return absent;
        Object v = e.eval(null, ctx);
        if (v == null) return absent;
        long n = (Long) Casts.cast(v, DataType.INT8);
        if (n < 0) throw new DbException("2201W", what + " must not be negative");
        return n;
    }

    @Override public int width() { return child.width(); }
    @Override public String describe() { return "Limit"; }
    @Override public List<PlanNode> children() { return List.of(child); }
}
