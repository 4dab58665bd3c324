package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import java.util.List;

/** A VALUES list (and the single empty row of SELECT without FROM); values cast to the column types. */
public record ValuesNode(List<List<Expr>> rows, List<DataType> types) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        return new RowIterator() {
            int next;
            public Object[] next() {
                if (next >= rows.size()) return null;
                List<Expr> exprs = rows.get(next++);
                Object[] out = new Object[exprs.size()];
                for (int i = 0; i < out.length; i++) {
                    Object v = exprs.get(i).eval(input, ctx);
                    out[i] = types == null ? v : Casts.cast(v, types.get(i));
                }
                return out;
            }
        };
    }

    @Override public int width() { return types == null ? (rows.isEmpty() ? 0 : rows.get(0).size()) : types.size(); }
    @Override public String describe() { return rows.size() == 1 && rows.get(0).isEmpty() ? "Result" : "Values Scan (" + rows.size() + " rows)"; }
    @Override public List<PlanNode> children() { return List.of(); }

    public static ValuesNode oneEmptyRow() {
        return new ValuesNode(List.of(List.of()), List.of());
    }
}
