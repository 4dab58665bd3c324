package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * A compiled CHECK constraint. {@code expression} reads the row's columns by ordinal; only
 * a false result fails (NULL passes, as in PostgreSQL).
 */
public record CheckConstraint(String name, Expr expression) {

    /** 23514 when the expression is false for the row. */
    public void check(ExecContext ctx, TableDef table, Object[] row) {
        if (Boolean.FALSE.equals(expression.eval(row, ctx))) {
            throw new DbException(SqlState.CHECK_VIOLATION, "new row for relation \"" + table.name() + "\" violates check constraint \""
                    + name + "\"", "Failing row contains " + RowText.row(table, row) + ".", null, 0, null);
        }
    }
}
