package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.types.DataType;

/**
 * A user-defined function called in an expression ({@code f(v) < 100} in a WHERE clause or a
 * CHECK constraint): {@code call} is opened with the row the expression is evaluated on, since
 * its arguments read that row's columns; its first row's value is the result (null for none).
 * A scalar subquery would open it with no row and push the row as an outer one, which arguments
 * compiled in the calling query's own scope do not read.
 */
public record RoutineCall(PlanNode call, DataType type, String name) implements Expr {
    @Override
    public Object eval(Object[] row, ExecContext ctx) {
        try (RowIterator it = ctx.open(call, row)) {
            Object[] first = it.next();
            return first == null ? null : first[0];
        }
    }

    @Override
    public String toString() {
        return name + "(...)";
    }
}
