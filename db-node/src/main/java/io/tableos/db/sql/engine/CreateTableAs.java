package io.tableos.db.sql.engine;

import io.tableos.db.sql.plan.PlannedQuery;
import io.tableos.db.sql.plan.SelectPlanner;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * {@code CREATE TABLE t [(names)] AS SELECT ...} and {@code SELECT ... INTO t FROM ...}: a
 * CREATE TABLE whose columns are the query's result columns (names and types), then an
 * {@code INSERT INTO t SELECT ...} in the session's transaction. The table is created as any
 * other (it commits at once, and is undone if the transaction rolls back); the tag is
 * {@code SELECT n}, as in PostgreSQL.
 */
final class CreateTableAs {
    private final DdlExecutor ddl;

    CreateTableAs(DdlExecutor ddl) {
        this.ddl = ddl;
    }

    /** True for the statements this class runs. */
    static boolean handles(Statement statement) {
        return statement instanceof CreateTable ct && ct.getSelect() != null || intoTable(statement) != null;
    }

    /** The INTO table of {@code SELECT ... INTO t}, or null. */
    static Table intoTable(Statement statement) {
        if (!(statement instanceof PlainSelect ps) || ps.getIntoTables() == null || ps.getIntoTables().isEmpty()) return null;
        if (ps.getIntoTables().size() > 1) throw new DbException(SqlState.SYNTAX_ERROR, "SELECT INTO names more than one table");
        return ps.getIntoTables().get(0);
    }

    StatementResult execute(Statement statement) {
        Table target;
        Select query;
        List<String> names = null;
        boolean ifNotExists = false;
        if (statement instanceof CreateTable ct) {
            target = ct.getTable();
            query = ct.getSelect();
            names = ct.getColumns();
            ifNotExists = ct.isIfNotExists();
        } else {
            target = intoTable(statement);
            PlainSelect copy = (PlainSelect) parse(statement.toString());  // the planned statement may be cached: not changed
            copy.setIntoTables(null);
            query = copy;
        }
        DdlNames.Qualified name = ddl.nameToCreate(target);
        if (ifNotExists && DdlNames.relationExists(ddl.catalog(), name.schema(), name.name())) {
            return new Results.Command("CREATE TABLE AS", "relation \"" + name.name() + "\" already exists, skipping");
        }
        String table = quoted(name.schema()) + "." + quoted(name.name());
        PlannedQuery planned = new SelectPlanner(ddl.planContext()).plan(query, null);
        ddl.execute(parse("CREATE TABLE " + table + " (" + columns(planned.columns(), names) + ")"), null);
        SqlSessionImpl session = ddl.session();
        try (StatementResult insert = session.executePlanned(session.prepareInternal("INSERT INTO " + table + " " + query, new int[0]),
                new Object[0])) {
            String tag = insert.commandTag();  // INSERT 0 n
            return new Results.Command("SELECT " + tag.substring(tag.lastIndexOf(' ') + 1));
        }
    }

    /** Column definitions from the query's result columns, renamed by an explicit list. */
    private static String columns(List<ResultColumn> result, List<String> names) {
        if (names != null && names.size() > result.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < result.size(); i++) {
            ResultColumn c = result.get(i);
            String columnName = names != null && i < names.size() ? DdlNames.ident(names.get(i)) : c.name();
            // An untyped literal ('x') is text, as PostgreSQL resolves it for a table column.
            String type = c.type().type() == SqlType.UNKNOWN ? "text" : c.type().sqlName();
            if (i > 0) sql.append(", ");
            sql.append(quoted(columnName)).append(' ').append(type);
        }
        return sql.toString();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw new DbException(SqlState.INTERNAL_ERROR, "CREATE TABLE AS could not re-read its own SQL: " + sql, e);
        }
    }
}
