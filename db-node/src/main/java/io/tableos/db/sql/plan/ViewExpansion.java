package io.tableos.db.sql.plan;

import io.tableos.db.catalog.ViewDef;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
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
 * (possible through CREATE OR REPLACE) fails with 42P17 as in PostgreSQL. Dependencies on the
 * tables underneath are not tracked: a view whose query no longer yields its recorded column
 * types (a column dropped or retyped under it) fails with 42P16 instead of shifting columns.
 */
final class ViewExpansion {
    private ViewExpansion() {}

    record Expanded(PlannedQuery query, List<ResultColumn> columns) {}

    static Expanded expand(PlanContext pc, ViewDef view) {
        Select select = parse(view);
        PlannedQuery planned;
        pc.enterView(view.id(), view.name(), view.schema());
        try {
            planned = new SelectPlanner(pc).plan(select, null);
        } finally {
            pc.exitView();
        }
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < view.columns().size(); i++) {
            DataType type = i < planned.columns().size() ? planned.columns().get(i).type() : null;
            if (type != null && type.type() == SqlType.UNKNOWN) type = DataType.TEXT;
            if (type == null || !type.equals(view.columns().get(i).type())) throw changedUnderneath(view);
            columns.add(ResultColumn.of(view.columns().get(i).name(), type));
        }
        return new Expanded(planned, columns);
    }

    /**
     * The tables under the view changed so that its query no longer yields the columns it was
     * created with (PostgreSQL forbids such changes while the view exists; TableOS does not track
     * the dependency, so it refuses to read the view rather than shift its columns).
     */
    private static DbException changedUnderneath(ViewDef view) {
        return new DbException(SqlState.INVALID_TABLE_DEFINITION, "view \"" + view.name() + "\" no longer matches the columns it was created with",
                null, "Recreate the view with CREATE OR REPLACE VIEW or DROP VIEW and CREATE VIEW.", 0, null);
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
