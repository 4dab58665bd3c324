package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.plan.ExprCompiler;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.Scope;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Compiles a partial index's WHERE text into a test on decoded rows (column order of the
 * table), with the executor's expression compiler. The predicate may only use the table's
 * columns and immutable functions, so it is evaluated without a transaction or session.
 */
final class IndexPredicateCompiler implements RowPredicateCompiler {

    @Override
    public Predicate<Object[]> compile(TableDef table, String predicateSql) {
        Expr expr = compileExpr(table, predicateSql);
        ExecContext context = new ExecContext(null, null, new Object[0], null, OffsetDateTime.now(ZoneOffset.UTC), Long.MAX_VALUE);
        return row -> Exprs.isTrue(expr.eval(row, context));
    }

    /** Also used by CREATE INDEX to reject a predicate before it reaches storage. */
    static Expr compileExpr(TableDef table, String predicateSql) {
        JsqlStatement parsed;
        try {
            parsed = (JsqlStatement) SqlFrontEnd.parse("SELECT 1 WHERE " + predicateSql);
        } catch (ClassCastException e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid index predicate: " + predicateSql);
        }
        if (!(parsed.statement() instanceof Select select) || !(select.getSelectBody() instanceof PlainSelect plain)
                || plain.getWhere() == null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid index predicate: " + predicateSql);
        }
        Expression where = plain.getWhere();
        List<Scope.Column> columns = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDef c = table.columns().get(i);
            columns.add(new Scope.Column(table.name(), c.name(), c.type(), table.id(), i + 1, false));
        }
        PlanContext pc = new PlanContext(new Catalog(), null, null, new ParamTypes(null)).withLongLiterals(parsed.longLiterals());
        return new ExprCompiler(pc, new Scope(columns, null), null).bool(where);
    }
}
