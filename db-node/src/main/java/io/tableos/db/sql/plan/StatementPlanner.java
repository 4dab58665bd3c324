package io.tableos.db.sql.plan;

import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/** Entry point of planning: a JSqlParser statement to a {@link PlannedStatement}. */
public final class StatementPlanner {
    private StatementPlanner() {}

    public static PlannedStatement plan(PlanContext pc, Statement statement) {
        if (statement instanceof PlainSelect ps && ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            return new PlannedStatement.Ddl(statement);  // SELECT ... INTO creates a table
        }
        if (statement instanceof Select s) return new PlannedStatement.Query(RegclassNames.namedOutput(new SelectPlanner(pc).plan(s, null)));
        if (statement instanceof Insert i) return new PlannedStatement.Dml(withCtes(pc, i.getWithItemsList(), () -> new DmlPlanner(pc).planInsert(i)));
        if (statement instanceof Update u) return new PlannedStatement.Dml(withCtes(pc, u.getWithItemsList(), () -> new DmlPlanner(pc).planUpdate(u)));
        if (statement instanceof Merge m) return new PlannedStatement.Dml(withCtes(pc, m.getWithItemsList(), () -> new MergePlanner(pc).plan(m)));
        if (statement instanceof Delete d) return new PlannedStatement.Dml(withCtes(pc, d.getWithItemsList(), () -> new DmlPlanner(pc).planDelete(d)));
        return new PlannedStatement.Ddl(statement);
    }

    private static DmlPlanner.PlannedDml withCtes(PlanContext pc, java.util.List<net.sf.jsqlparser.statement.select.WithItem<?>> with,
                                                  java.util.function.Supplier<DmlPlanner.PlannedDml> body) {
        if (with == null || with.isEmpty()) return body.get();
        pc.pushCtes();
        try {
            java.util.List<io.tableos.db.sql.exec.PlanNode> modifying = CtePlanner.addAll(pc, with, null);
            DmlPlanner.PlannedDml main = body.get();
            if (modifying.isEmpty()) return main;
            return new DmlPlanner.PlannedDml(new io.tableos.db.sql.exec.dml.DmlAfterModifyingCtes(modifying, main.executor()), main.returning());
        } finally {
            pc.popCtes();
        }
    }
}
