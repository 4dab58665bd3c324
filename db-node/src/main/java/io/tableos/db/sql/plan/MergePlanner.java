package io.tableos.db.sql.plan;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.sql.exec.dml.DeleteExecutor;
import io.tableos.db.sql.exec.dml.InsertExecutor;
import io.tableos.db.sql.exec.dml.MergeExecutor;
import io.tableos.db.sql.exec.dml.UpdateExecutor;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.ProjectNode;
import io.tableos.db.sql.parse.MergeDoNothing;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.Join;

/**
 * Plans PostgreSQL 15's MERGE into a {@link MergeExecutor}: the source LEFT JOIN the target on
 * the ON condition (so the join may look the target up by key or index per source row, or hash
 * it), its rows put target first to give the UPDATE layout, and each WHEN clause's action as the
 * UPDATE, DELETE or INSERT executor it is. WHEN NOT MATCHED conditions and INSERT values see the
 * source's columns only, as in PostgreSQL.
 */
final class MergePlanner {
    private final PlanContext pc;

    MergePlanner(PlanContext pc) {
        this.pc = pc;
    }

    DmlPlanner.PlannedDml plan(Merge merge) {
        if (merge.getReturningClause() != null) throw syntaxError("RETURNING");
        TableDef table = DmlPlanner.targetTable(pc, merge.getTable());
        Join target = new Join();
        target.setLeft(true);
        target.setRightItem(merge.getTable());
        target.addOnExpression(merge.getOnCondition());
        FromPlanner.Result from = new FromPlanner(pc, null).plan(merge.getFromItem(), List.of(target), null, null);
        int targetWidth = table.columns().size() + 1;  // with the key slot
        int sourceWidth = from.scope().width() - targetWidth;
        List<Scope.Column> columns = from.scope().columns();
        Scope sourceScope = new Scope(columns.subList(0, sourceWidth), null);
        List<Scope.Column> targetFirst = new ArrayList<>(columns.subList(sourceWidth, columns.size()));
        targetFirst.addAll(sourceScope.columns());
        Scope joinedScope = new Scope(targetFirst, null);
        List<Expr> reorder = new ArrayList<>();
        for (int i = 0; i < targetWidth; i++) reorder.add(new Exprs.ColumnRef(sourceWidth + i, columns.get(sourceWidth + i).type(), ""));
        for (int i = 0; i < sourceWidth; i++) reorder.add(new Exprs.ColumnRef(i, columns.get(i).type(), ""));

        TableConstraints constraints = ConstraintPlanner.forTable(pc, table);
        ExprCompiler matchedCompiler = new ExprCompiler(pc, joinedScope, null);
        ExprCompiler sourceCompiler = new ExprCompiler(pc, sourceScope, null);
        List<MergeExecutor.WhenClause> clauses = new ArrayList<>();
        for (MergeOperation op : merge.getOperations()) {
            clauses.add(clause(op, table, constraints, matchedCompiler, sourceCompiler));
        }
        Expr on = matchedCompiler.bool(merge.getOnCondition());
        return new DmlPlanner.PlannedDml(new MergeExecutor(table, new ProjectNode(from.node(), reorder), on, clauses, constraints), List.of());
    }

    private MergeExecutor.WhenClause clause(MergeOperation op, TableDef table, TableConstraints constraints,
                                            ExprCompiler matched, ExprCompiler notMatched) {
        if (op instanceof MergeDoNothing nothing) {
            return new MergeExecutor.WhenClause(nothing.matched(), condition(nothing.condition(), nothing.matched() ? matched : notMatched),
                    null, null, null, null);
        }
        if (op instanceof MergeUpdate u) {
            if (u.getWhereCondition() != null || u.getDeleteWhereCondition() != null) throw syntaxError("WHERE");
            UpdateExecutor update = new UpdateExecutor(table, null, DmlPlanner.assignments(u.getUpdateSets(), table, matched), null, List.of(), constraints);
            return new MergeExecutor.WhenClause(true, condition(u.getAndPredicate(), matched), update, null, null, null);
        }
        if (op instanceof MergeDelete d) {
            DeleteExecutor delete = new DeleteExecutor(table, null, null, List.of(), constraints);
            return new MergeExecutor.WhenClause(true, condition(d.getAndPredicate(), matched), null, delete, null, null);
        }
        MergeInsert in = (MergeInsert) op;
        if (in.getWhereCondition() != null) throw syntaxError("WHERE");
        int[] targets = insertTargets(in, table);
        List<Expr> values = insertValues(in, table, targets, notMatched);
        if (in.getColumns() == null || in.getColumns().isEmpty()) targets = Arrays.copyOf(targets, values.size());
        Expr[] defaults = new Expr[table.columns().size()];
        for (int c = 0; c < defaults.length; c++) defaults[c] = DmlPlanner.compileDefault(pc, table, c);
        InsertExecutor insert = new InsertExecutor(table, null, targets, defaults, null, List.of(), constraints);
        return new MergeExecutor.WhenClause(false, condition(in.getAndPredicate(), notMatched), null, null, insert, values);
    }

    private static Expr condition(Expression e, ExprCompiler compiler) {
        return e == null ? null : compiler.bool(e);
    }

    /** The table ordinals the INSERT's values go to: its column list, or the table's columns in order. */
    private static int[] insertTargets(MergeInsert in, TableDef table) {
        if (in.getColumns() == null || in.getColumns().isEmpty()) {
            int[] all = new int[table.columns().size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] targets = new int[in.getColumns().size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < targets.length; i++) {
            targets[i] = DmlPlanner.columnOrdinal(table, Names.ident(in.getColumns().get(i).getColumnName()));
            if (!seen.add(targets[i])) {
                throw new DbException(SqlState.DUPLICATE_COLUMN, "column \"" + table.columns().get(targets[i]).name() + "\" specified more than once");
            }
        }
        return targets;
    }

    private static List<Expr> insertValues(MergeInsert in, TableDef table, int[] targets, ExprCompiler compiler) {
        List<Expression> written = in.getValues() == null ? List.of() : in.getValues();
        boolean columnList = in.getColumns() != null && !in.getColumns().isEmpty();
        if (written.size() > targets.length) throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
        if (columnList && written.size() < targets.length) throw new DbException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
        List<Expr> values = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) values.add(DmlPlanner.insertValue(compiler, written.get(i), table.columns().get(targets[i]).type()));
        return values;
    }

    private static DbException syntaxError(String near) {
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + near + "\"");
    }
}
