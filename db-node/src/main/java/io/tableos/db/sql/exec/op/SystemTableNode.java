package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.sql.exec.expr.Exprs;
import java.util.Iterator;
import java.util.List;

/** Full scan of a system table, with an optional filter over its columns. */
public record SystemTableNode(SystemTable table, Expr filter) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Iterator<Object[]> rows = table.rows(ctx).iterator();
        return () -> {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (filter == null || Exprs.isTrue(filter.eval(row, ctx))) return row;
            }
            return null;
        };
    }

    @Override public int width() { return table.columns().size(); }
    @Override public String describe() { return "System Scan on " + table.schema() + "." + table.name() + (filter != null ? " Filter: " + filter : ""); }
    @Override public List<PlanNode> children() { return List.of(); }
}
