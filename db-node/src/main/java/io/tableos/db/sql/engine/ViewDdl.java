package io.tableos.db.sql.engine;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.sql.plan.PlannedQuery;
import io.tableos.db.sql.plan.SelectPlanner;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.create.view.CreateView;

/**
 * CREATE [OR REPLACE] VIEW and DROP VIEW. The query is planned once at creation, so a view over
 * a missing table or column fails then (as in PostgreSQL), and its result columns (names after
 * an explicit list, types) are recorded in the {@link ViewDef}. OR REPLACE keeps the view's id
 * and, as PostgreSQL, may only add columns at the end: existing ones keep name and type (42P16).
 * Both changes replicate as catalog changes and are undone by a rollback (a view holds no rows).
 */
final class ViewDdl {
    private ViewDdl() {}

    static StatementResult create(DdlExecutor ddl, CreateView cv) {
        if (cv.isMaterialized()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "materialized views are not supported");
        if (cv.isRecursive()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "recursive views are not supported");
        DdlNames.Qualified name = ddl.nameToCreate(cv.getView());
        DdlNames.requireSchema(ddl.catalog(), name.schema());
        ViewDef existing = ddl.catalog().view(name.schema(), name.name());
        if (existing == null ? DdlNames.relationExists(ddl.catalog(), name.schema(), name.name()) : !cv.isOrReplace()) {
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name.name() + "\" already exists");
        }
        PlannedQuery planned = new SelectPlanner(ddl.planContext()).plan(cv.getSelect(), null);
        List<ColumnDef> columns = columns(planned.columns(), cv.getColumnNames());
        if (existing != null) requireCompatible(existing, columns);
        long id = existing != null ? existing.id() : ddl.catalog().peekNextObjectId();
        ddl.apply(new DdlOperation.CreateView(new ViewDef(id, name.schema(), name.name(), cv.getSelect().toString(), columns)));
        return new Results.Command("CREATE VIEW");
    }

    /** DROP VIEW of one name: null, or the notice of IF EXISTS when there is no such view. */
    static String drop(DdlExecutor ddl, DdlNames.Qualified name, boolean ifExists) {
        ViewDef view = ddl.catalog().view(name.schema(), name.name());
        if (view == null) {
            if (ddl.catalog().table(name.schema(), name.name()) != null) {
                throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not a view", null,
                        "Use DROP TABLE to remove a table.", 0, null);
            }
            if (!ifExists) throw new DbException(SqlState.UNDEFINED_TABLE, "view \"" + name.name() + "\" does not exist");
            return "view \"" + name.name() + "\" does not exist, skipping";
        }
        ddl.apply(new DdlOperation.DropView(view.id()));
        return null;
    }

    private static List<ColumnDef> columns(List<ResultColumn> result, List<Column> names) {
        if (names != null && names.size() > result.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        List<ColumnDef> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < result.size(); i++) {
            String columnName = names != null && i < names.size() ? DdlNames.ident(names.get(i).getColumnName()) : result.get(i).name();
            if (!seen.add(columnName)) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + columnName + "\" specified more than once");
            // An untyped literal ('x') is text in a view's result, as PostgreSQL resolves it.
            DataType type = result.get(i).type().type() == SqlType.UNKNOWN ? DataType.TEXT : result.get(i).type();
            columns.add(new ColumnDef(columnName, type, false, null));
        }
        return columns;
    }

    private static void requireCompatible(ViewDef old, List<ColumnDef> replacement) {
        if (replacement.size() < old.columns().size()) {
            throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view");
        }
        for (int i = 0; i < old.columns().size(); i++) {
            ColumnDef was = old.columns().get(i);
            ColumnDef now = replacement.get(i);
            if (!was.name().equals(now.name())) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \"" + was.name() + "\" to \"" + now.name() + "\"");
            }
            if (!was.type().equals(now.type())) {
                throw new DbException(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \"" + was.name() + "\" from "
                        + was.type().sqlName() + " to " + now.type().sqlName());
            }
        }
    }
}
