package io.tableos.db.sql.plan;

import io.tableos.db.catalog.ViewDef;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Reading a view: its stored query is parsed and planned in place of the view, as a derived
 * table whose columns carry the view's column names. The stored text is JSqlParser's own
 * rendering of the query the view was created with (already normalised), so it is re-read with
 * JSqlParser directly, as stored index predicates are. The query is planned in a context that
 * sees neither the reading query's CTEs nor its outer columns; a view that reaches itself again
 * (possible through CREATE OR REPLACE) fails with 42P17 as in PostgreSQL.
 */
final class ViewExpansion {
    private ViewExpansion() {}

    record Expanded(PlannedQuery query, List<ResultColumn> columns) {}

    static Expanded expand(PlanContext pc, ViewDef view) {
        Select select = parse(view);
        PlannedQuery planned;
        pc.enterView(view.id(), view.name());
        try {
            planned = new SelectPlanner(pc).plan(select, null);
        } finally {
            pc.exitView();
        }
        if (planned.columns().size() < view.columns().size()) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "view \"" + view.name() + "\" no longer returns the columns it was created with");
        }
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < view.columns().size(); i++) {
            columns.add(ResultColumn.of(view.columns().get(i).name(), planned.columns().get(i).type()));
        }
        return new Expanded(planned, columns);
    }

    private static Select parse(ViewDef view) {
        try {
            Statement statement = new CCJSqlParser(view.querySql())
                    .withDialect(AbstractJSqlParser.Dialect.POSTGRESQL)
                    .withBackslashEscapeCharacter(false)
                    .Statement();
            if (statement instanceof Select select) return select;
        } catch (Exception e) {
            throw new DbException(SqlState.INTERNAL_ERROR, "view \"" + view.name() + "\" has a query that no longer parses: " + e.getMessage(), e);
        }
        throw new DbException(SqlState.INTERNAL_ERROR, "view \"" + view.name() + "\" holds no query");
    }
}
