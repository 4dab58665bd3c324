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
import io.tableos.db.sql.func.ZonedCasts;
import io.tableos.db.storage.ColumnConversion;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Compiles a partial index's WHERE text into a test on decoded rows (column order of the
 * table), and ALTER COLUMN TYPE's conversion into a column's new value, with the executor's
 * expression compiler. Both may only use the table's columns and immutable functions, so they
 * are evaluated without a transaction or session.
 */
final class IndexPredicateCompiler implements RowPredicateCompiler {

    @Override
    public Predicate<Object[]> compile(TableDef table, String predicateSql) {
        Expr expr = compileExpr(table, predicateSql);
        ExecContext context = new ExecContext(null, null, new Object[0], null, OffsetDateTime.now(ZoneOffset.UTC), Long.MAX_VALUE);
        return row -> Exprs.isTrue(expr.eval(row, context));
    }

    /**
     * A column conversion of ALTER COLUMN TYPE on a replica's storage: evaluated without a
     * transaction or session, like a predicate. An expression that would need one fails here the
     * same way on every replica, so it becomes that DbException rather than a broken apply.
     */
    @Override
    public Function<Object[], Object> compileConversion(TableDef table, ColumnConversion conversion, DataType to) {
        String expressionSql = conversion.expressionSql();
        Expr expr = compileValue(table, expressionSql);
        java.time.ZoneId zone = ConversionSettings.zone(conversion.timeZone());
        ExecContext context = new ExecContext(null, null, new Object[0], null, OffsetDateTime.now(ZoneOffset.UTC), Long.MAX_VALUE);
        return row -> {
            try {
                return ZonedCasts.cast(expr.eval(row, context), to, zone);
            } catch (DbException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert column values with " + expressionSql + ": " + e);
            }
        };
    }

    /** Also used by CREATE INDEX to reject a predicate before it reaches storage. */
    static Expr compileExpr(TableDef table, String predicateSql) {
        JsqlStatement parsed = parse("SELECT 1 WHERE " + predicateSql, "invalid index predicate: " + predicateSql);
        PlainSelect plain = (PlainSelect) ((Select) parsed.statement()).getSelectBody();
        if (plain.getWhere() == null) throw new DbException(SqlState.SYNTAX_ERROR, "invalid index predicate: " + predicateSql);
        return compiler(table, parsed).bool(plain.getWhere());
    }

    /** An expression over the table's columns; also used by ALTER COLUMN TYPE to reject one before it reaches storage. */
    static Expr compileValue(TableDef table, String expressionSql) {
        JsqlStatement parsed = parse("SELECT " + expressionSql, "invalid expression: " + expressionSql);
        PlainSelect plain = (PlainSelect) ((Select) parsed.statement()).getSelectBody();
        if (plain.getSelectItems().size() != 1) throw new DbException(SqlState.SYNTAX_ERROR, "invalid expression: " + expressionSql);
        return compiler(table, parsed).compile(plain.getSelectItems().get(0).getExpression());
    }

    /** A SELECT statement without FROM, or 42601 with {@code invalid}. */
    private static JsqlStatement parse(String select, String invalid) {
        JsqlStatement parsed;
        try {
            parsed = (JsqlStatement) SqlFrontEnd.parse(select);
        } catch (ClassCastException e) {
            throw new DbException(SqlState.SYNTAX_ERROR, invalid);
        }
        if (!(parsed.statement() instanceof Select s) || !(s.getSelectBody() instanceof PlainSelect)) {
            throw new DbException(SqlState.SYNTAX_ERROR, invalid);
        }
        return parsed;
    }

    private static ExprCompiler compiler(TableDef table, JsqlStatement parsed) {
        List<Scope.Column> columns = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDef c = table.columns().get(i);
            columns.add(new Scope.Column(table.name(), c.name(), c.type(), table.id(), i + 1, false));
        }
        PlanContext pc = new PlanContext(new Catalog(), null, null, new ParamTypes(null)).withLongLiterals(parsed.longLiterals());
        return new ExprCompiler(pc, new Scope(columns, null), null);
    }
}
