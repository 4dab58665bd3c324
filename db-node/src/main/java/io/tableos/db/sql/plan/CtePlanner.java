package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.op.ModifyingCteNode;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;

/**
 * The WITH list of a query or of an INSERT/UPDATE/DELETE: each item is planned into the current
 * CTE level of the {@link PlanContext} under its name, with its column list applied
 * ({@code WITH m(a, b) AS (VALUES ...)}); a data-modifying item
 * ({@code WITH x AS (UPDATE ... RETURNING ...)}) becomes a {@link ModifyingCteNode} whose columns
 * are its RETURNING list. The caller must run the returned data-modifying nodes even when the
 * statement never reads them, as PostgreSQL does.
 */
final class CtePlanner {
    private CtePlanner() {}

    /** Adds every item of {@code with}; returns the data-modifying ones, in order. */
    static List<PlanNode> addAll(PlanContext pc, List<WithItem<?>> with, Scope parent) {
        List<PlanNode> modifying = new ArrayList<>();
        for (WithItem<?> w : with) {
            ParenthesedStatement statement = w.getParenthesedStatement();
            PlanNode node;
            List<ResultColumn> columns;
            if (statement instanceof ParenthesedUpdate || statement instanceof ParenthesedDelete || statement instanceof ParenthesedInsert) {
                DmlPlanner.PlannedDml dml = planDml(pc, statement);
                node = new ModifyingCteNode(dml.executor(), dml.returning().size());
                columns = dml.returning();
                modifying.add(node);
            } else {
                PlannedQuery q = w.isRecursive() ? new SelectPlanner(pc).planRecursive(w, parent) : new SelectPlanner(pc).plan((Select) statement, parent);
                node = q.node();
                columns = q.columns();
            }
            pc.addCte(Names.ident(w.getAlias().getName()), new PlanContext.Cte(node, renamed(w, columns)));
        }
        return modifying;
    }

    private static DmlPlanner.PlannedDml planDml(PlanContext pc, ParenthesedStatement statement) {
        DmlPlanner planner = new DmlPlanner(pc);
        if (statement instanceof ParenthesedUpdate u) return planner.planUpdate(u.getUpdate());
        if (statement instanceof ParenthesedDelete d) return planner.planDelete(d.getDelete());
        return planner.planInsert(((ParenthesedInsert) statement).getInsert());
    }

    /** The item's columns under the names of its column list (42P10 when it names more columns than there are). */
    private static List<ResultColumn> renamed(WithItem<?> w, List<ResultColumn> columns) {
        if (w.getWithItemList() == null || w.getWithItemList().isEmpty()) return columns;
        if (w.getWithItemList().size() > columns.size()) {
            throw new DbException("42P10", "WITH query \"" + Names.ident(w.getAlias().getName()) + "\" has " + columns.size()
                    + " columns available but " + w.getWithItemList().size() + " columns specified");
        }
        List<ResultColumn> renamed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = i < w.getWithItemList().size() ? Names.ident(w.getWithItemList().get(i).toString()) : columns.get(i).name();
            renamed.add(new ResultColumn(name, columns.get(i).type(), 0, 0));
        }
        return renamed;
    }
}
