package io.tableos.db.sql.plan;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.dml.Assignment;
import io.tableos.db.sql.exec.dml.DeleteExecutor;
import io.tableos.db.sql.exec.dml.DmlExecutor;
import io.tableos.db.sql.exec.dml.InsertExecutor;
import io.tableos.db.sql.exec.dml.UpdateExecutor;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.ValuesNode;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** Plans INSERT, UPDATE and DELETE into {@link DmlExecutor}s. */
public final class DmlPlanner {
    private final PlanContext pc;

    public DmlPlanner(PlanContext pc) {
        this.pc = pc;
    }

    /** A planned DML statement and the columns of its RETURNING clause (empty without one). */
    public record PlannedDml(DmlExecutor executor, List<ResultColumn> returning) {}

    static TableDef targetTable(PlanContext pc, Table t) {
        String name = Names.ident(t.getName());
        String schema = t.getSchemaName() == null ? null : Names.ident(t.getSchemaName());
        TableDef def = FromPlanner.lookupTable(pc, schema, name);
        if (def == null) {
            if (FromPlanner.lookupSystemTable(pc, schema, name) != null) {
                throw new DbException(SqlState.INSUFFICIENT_PRIVILEGE, "cannot change system relation \"" + name + "\"");
            }
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? "" : schema + ".") + name + "\" does not exist");
        }
        return def;
    }

    static Scope tableScope(TableDef table, String qualifier) {
        List<Scope.Column> cols = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnDef c = table.columns().get(i);
            cols.add(new Scope.Column(qualifier, c.name(), c.type(), table.id(), i + 1, false));
        }
        cols.add(new Scope.Column(qualifier, "ctid", DataType.BYTEA, table.id(), 0, true));
        return new Scope(cols, null);
    }

    static int columnOrdinal(TableDef table, String name) {
        int i = table.columnOrdinal(name);
        if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of relation \"" + table.name() + "\" does not exist");
        return i;
    }

    /** Compiles a column's DEFAULT text (evaluated per inserted row). */
    public static Expr compileDefault(PlanContext pc, TableDef table, int column) {
        ColumnDef c = table.columns().get(column);
        if (c.defaultSql() == null) return null;
        try {
            Expression e = new CCJSqlParser(c.defaultSql()).withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).Expression();
            return new ExprCompiler(pc, Scope.empty(null), null).compile(e);
        } catch (DbException e) {
            throw e;
        } catch (Exception | Error e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid DEFAULT expression for column \"" + c.name() + "\": " + c.defaultSql());
        }
    }

    // ---- INSERT ----

    public PlannedDml planInsert(Insert ins) {
        TableDef table = targetTable(pc, ins.getTable());
        String qualifier = ins.getTable().getAlias() != null ? Names.ident(ins.getTable().getAlias().getName()) : table.name();
        int n = table.columns().size();
        int[] targets;
        boolean columnList = ins.getColumns() != null && !ins.getColumns().isEmpty();
        if (columnList) {
            targets = new int[ins.getColumns().size()];
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < targets.length; i++) {
                targets[i] = columnOrdinal(table, Names.ident(ins.getColumns().get(i).getColumnName()));
                if (!seen.add(targets[i])) throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + table.columns().get(targets[i]).name() + "\" specified more than once");
            }
        } else {
            targets = new int[ins.isOnlyDefaultValues() ? 0 : n];
            for (int i = 0; i < targets.length; i++) targets[i] = i;
        }
        PlanNode source;
        if (ins.isOnlyDefaultValues()) {
            targets = new int[0];
            source = ValuesNode.oneEmptyRow();
        } else if (ins.getSelect() instanceof Values v) {
            // Without a column list, VALUES may be shorter than the table: the rest take their defaults.
            int width = ValuesRows.of(v).get(0).size();
            if (!columnList && width < targets.length) targets = java.util.Arrays.copyOf(targets, width);
            source = valuesSource(v, table, targets);
        } else {
            PlannedQuery q = new SelectPlanner(pc).plan(ins.getSelect(), null);
            if (q.columns().size() > targets.length) throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            if (q.columns().size() < targets.length) {
                targets = java.util.Arrays.copyOf(targets, q.columns().size());
            }
            source = q.node();
        }
        Expr[] defaults = new Expr[n];
        for (int c = 0; c < n; c++) defaults[c] = compileDefault(pc, table, c);
        InsertExecutor.OnConflict onConflict = ins.getConflictAction() == null ? null : onConflict(ins, table, qualifier);
        Scope scope = tableScope(table, qualifier);
        List<Expr> returning = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        returning(ins.getReturningClause(), scope, returning, columns);
        return new PlannedDml(new InsertExecutor(table, source, targets, defaults, onConflict, returning,
                ConstraintPlanner.forTable(pc, table)), columns);
    }

    private PlanNode valuesSource(Values v, TableDef table, int[] targets) {
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(null), null);
        List<List<Expr>> compiled = new ArrayList<>();
        for (List<Expression> row : ValuesRows.of(v)) {
            if (row.size() > targets.length) throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
            if (row.size() < targets.length) throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
            List<Expr> r = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                r.add(insertValue(compiler, row.get(i), table.columns().get(targets[i]).type()));
            }
            compiled.add(r);
        }
        return new ValuesNode(compiled, null);
    }

    /** One value of an INSERT's VALUES row, cast to its column's type; DEFAULT stands as {@link InsertExecutor#DEFAULT}. */
    static Expr insertValue(ExprCompiler compiler, Expression e, DataType columnType) {
        if (e instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default")) {
            return Exprs.literal(InsertExecutor.DEFAULT, DataType.UNKNOWN);
        }
        return compiler.coerceTo(compiler.compile(e), columnType);
    }

    private InsertExecutor.OnConflict onConflict(Insert ins, TableDef table, String qualifier) {
        IndexDef arbiter = null;
        InsertConflictTarget target = ins.getConflictTarget();
        if (target != null && target.getConstraintName() != null) {
            String name = Names.ident(target.getConstraintName());
            if (!name.equals(table.primaryKeyName())) {
                arbiter = table.indexes().stream().filter(i -> i.name().equals(name) && i.unique()).findFirst()
                        .orElseThrow(() -> new DbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for table \"" + table.name() + "\" does not exist"));
            }
        } else if (target != null && target.getIndexElements() != null && !target.getIndexElements().isEmpty()) {
            Set<Integer> cols = new HashSet<>();
            for (Index.ColumnParams p : target.getIndexElements()) cols.add(columnOrdinal(table, Names.ident(p.getColumnName())));
            boolean partial = target.getWhereExpression() != null;
            if (partial || !cols.equals(new HashSet<>(table.primaryKey()))) {
                arbiter = table.indexes().stream().filter(i -> i.unique() && (i.predicateSql() != null) == partial && new HashSet<>(i.columns()).equals(cols)).findFirst()
                        .orElseThrow(() -> new DbException(SqlState.INVALID_COLUMN_REFERENCE, "there is no unique or exclusion constraint matching the ON CONFLICT specification"));
            }
        }
        if (ins.getConflictAction().getConflictActionType() == ConflictActionType.DO_NOTHING) return new InsertExecutor.OnConflict(arbiter, null, null);
        if (table.hasHiddenKey() && arbiter == null) {
            throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "ON CONFLICT DO UPDATE requires inference specification or constraint name");
        }
        Scope scope = tableScope(table, qualifier).concat(tableScope(table, "excluded"));
        ExprCompiler compiler = new ExprCompiler(pc, scope, null);
        List<Assignment> assignments = assignments(ins.getConflictAction().getUpdateSets(), table, compiler);
        Expr where = ins.getConflictAction().getWhereExpression() == null ? null : compiler.bool(ins.getConflictAction().getWhereExpression());
        return new InsertExecutor.OnConflict(arbiter, assignments, where);
    }

    static List<Assignment> assignments(List<UpdateSet> sets, TableDef table, ExprCompiler compiler) {
        List<Assignment> out = new ArrayList<>();
        for (UpdateSet set : sets) {
            if (set.getColumns().size() != set.getValues().size()) throw ExprCompiler.unsupported("multiple-column UPDATE SET");
            for (int i = 0; i < set.getColumns().size(); i++) {
                int column = columnOrdinal(table, Names.ident(set.getColumns().get(i).getColumnName()));
                Expression value = set.getValues().get(i);
                Expr compiled;
                if (value instanceof Column c && c.getTable() == null && c.getColumnName().equalsIgnoreCase("default")) {
                    compiled = compileDefault(compiler.pc(), table, column);
                    if (compiled == null) compiled = Exprs.NULL;
                } else {
                    compiled = compiler.coerceTo(compiler.compile(value), table.columns().get(column).type());
                }
                out.add(new Assignment(column, compiled));
            }
        }
        return out;
    }

    private void returning(ReturningClause clause, Scope scope, List<Expr> exprs, List<ResultColumn> columns) {
        if (clause == null) return;
        ExprCompiler compiler = new ExprCompiler(pc, scope, null);
        for (Object o : clause) {
            SelectItem<?> item = (SelectItem<?>) o;
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                String qualifier = e instanceof AllTableColumns t ? Names.ident(t.getTable().getName()) : null;
                for (int i = 0; i < scope.width(); i++) {
                    Scope.Column c = scope.columns().get(i);
                    if (c.hidden() || (qualifier != null && !qualifier.equals(c.qualifier()))) continue;
                    exprs.add(new Exprs.ColumnRef(i, c.type(), c.name()));
                    columns.add(new ResultColumn(c.name(), c.type(), c.tableOid(), c.attributeNumber()));
                }
                continue;
            }
            Expr x = compiler.compile(e);
            exprs.add(x);
            String name = item.getAlias() != null ? Names.ident(item.getAlias().getName()) : SelectPlanner.columnName(e);
            long oid = 0;
            int attribute = 0;
            if (x instanceof Exprs.ColumnRef ref) { oid = scope.columns().get(ref.index()).tableOid(); attribute = scope.columns().get(ref.index()).attributeNumber(); }
            columns.add(new ResultColumn(name, SelectPlanner.visibleType(x.type()), oid, attribute));
        }
    }

    // ---- UPDATE / DELETE ----

    public PlannedDml planUpdate(Update upd) {
        TableDef table = targetTable(pc, upd.getTable());
        List<Join> joins = new ArrayList<>();
        if (upd.getFromItem() != null) joins.add(simpleJoin(upd.getFromItem()));
        if (upd.getJoins() != null) joins.addAll(upd.getJoins());
        FromPlanner.Result from = new FromPlanner(pc, null).plan(upd.getTable(), joins, upd.getWhere(), null);
        ExprCompiler compiler = new ExprCompiler(pc, from.scope(), null);
        List<Assignment> assignments = assignments(upd.getUpdateSets(), table, compiler);
        List<Expr> returning = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        returning(upd.getReturningClause(), from.scope(), returning, columns);
        return new PlannedDml(new UpdateExecutor(table, from.node(), assignments, from.recheck(), returning,
                ConstraintPlanner.forTable(pc, table)), columns);
    }

    public PlannedDml planDelete(Delete del) {
        TableDef table = targetTable(pc, del.getTable());
        List<Join> joins = new ArrayList<>();
        if (del.getUsingFromItemList() != null) for (FromItem f : del.getUsingFromItemList()) joins.add(simpleJoin(f));
        else if (del.getUsingList() != null) for (Table t : del.getUsingList()) joins.add(simpleJoin(t));
        if (del.getJoins() != null) joins.addAll(del.getJoins());
        FromPlanner.Result from = new FromPlanner(pc, null).plan(del.getTable(), joins, del.getWhere(), null);
        List<Expr> returning = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        returning(del.getReturningClause(), from.scope(), returning, columns);
        return new PlannedDml(new DeleteExecutor(table, from.node(), from.recheck(), returning,
                ConstraintPlanner.forTable(pc, table)), columns);
    }

    private static Join simpleJoin(FromItem item) {
        Join j = new Join();
        j.setSimple(true);
        j.setRightItem(item);
        return j;
    }
}
