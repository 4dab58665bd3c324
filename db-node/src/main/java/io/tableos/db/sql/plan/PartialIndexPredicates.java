package io.tableos.db.sql.plan;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.plan.ExprCompiler;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.Scope;
import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Compiles a partial index's WHERE text into a test on decoded rows, for storage. The
 * predicate may use the table's columns, constants and immutable functions only.
 */
public final class PartialIndexPredicates implements RowPredicateCompiler {
    @Override
    public Predicate<Object[]> compile(TableDef table, String predicateSql) {
        Expression parsed;
        try {
            parsed = new CCJSqlParser(predicateSql).withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).Expression();
        } catch (Exception | Error e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid index predicate: " + predicateSql);
        }
        List<Scope.Column> cols = new ArrayList<>();
        for (ColumnDef c : table.columns()) cols.add(new Scope.Column(table.name(), c.name(), c.type(), table.id(), 0, false));
        PlanContext pc = new PlanContext(new Catalog(), null, null, new ParamTypes(null));
        Expr expr = new ExprCompiler(pc, new Scope(cols, null), null).bool(parsed);
        ExecContext ctx = new ExecContext(null, null, new Object[0], null, null, Long.MAX_VALUE);
        return row -> Exprs.isTrue(expr.eval(row, ctx));
    }
}
