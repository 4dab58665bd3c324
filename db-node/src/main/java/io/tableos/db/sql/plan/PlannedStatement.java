package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.session.ResultColumn;
import java.util.List;
import net.sf.jsqlparser.statement.Statement;

/** The planned form of one JSqlParser statement. */
public sealed interface PlannedStatement {
    List<ResultColumn> columns();

    /** A row-producing query. */
    record Query(PlannedQuery query) implements PlannedStatement {
        public List<ResultColumn> columns() { return query.columns(); }
    }

    /** INSERT / UPDATE / DELETE. */
    record Dml(DmlPlanner.PlannedDml dml) implements PlannedStatement {
        public List<ResultColumn> columns() { return dml.returning(); }
    }

    /**
     * CALL of a procedure: {@code node} runs it and yields one row, its INOUT parameters' values; {@code columns} are those
     * parameters (empty when it has none: the client then gets no rows, as from PostgreSQL). {@code outputArguments}: for
     * each column, the position of the CALL's argument given for that parameter (-1: left to its default), where a PL/pgSQL
     * CALL writes the value back.
     */
    record Call(PlanNode node, List<ResultColumn> columns, int[] outputArguments) implements PlannedStatement {}

    /** DDL: interpreted against the catalog when executed (by the engine). */
    record Ddl(Statement statement) implements PlannedStatement {
        public List<ResultColumn> columns() { return List.of(); }
    }

    static String explain(PlannedStatement s) {
        if (s instanceof Query q) return PlanNode.explain(q.query().node());
        if (s instanceof Dml d) return d.dml().executor().describe();
        if (s instanceof Call c) return PlanNode.explain(c.node());
        return "Utility Statement";
    }
}
