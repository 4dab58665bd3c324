package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.plan.StatementPlanner;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import java.util.List;

/** Preparing statements: plan cache lookup, else parse and plan (parsing happens only on a miss). */
final class Statements {
    private final HarnessEngine engine;

    Statements(HarnessEngine engine) {
        this.engine = engine;
    }

    Prepared prepare(String text, int[] declaredOids) {
        long version = engine.transactions().catalog().version();
        Prepared cached = engine.planCache().get(text, declaredOids, version);
        if (cached != null) return cached;
        Prepared prepared = plan(text, declaredOids, version);
        engine.planCache().put(text, declaredOids, version, prepared);
        return prepared;
    }

    private Prepared plan(String text, int[] declaredOids, long version) {
        int[] oids = declaredOids == null ? new int[0] : declaredOids;
        if (text.isBlank()) return new Prepared(text, oids, List.of(), List.of(), version, null, null);
        io.tableos.db.sql.parse.ParsedStatement parsed = SqlFrontEnd.parse(text);
        if (parsed instanceof UtilityStatement u) {
            return new Prepared(text, oids, List.of(), UtilityCommands.columnsOf(u), version, null, u);
        }
        io.tableos.db.sql.parse.JsqlStatement js = (io.tableos.db.sql.parse.JsqlStatement) parsed;
        ParamTypes params = new ParamTypes(oids);
        PlanContext pc = new PlanContext(engine.transactions().catalog(), engine.systemTables(), engine.procedures(), params);
        PlannedStatement planned = StatementPlanner.plan(pc, js.statement());
        List<ResultColumn> columns = planned.columns();
        List<DataType> types = params.resolved();
        return new Prepared(text, oids, types, columns, version, planned, null);
    }
}
