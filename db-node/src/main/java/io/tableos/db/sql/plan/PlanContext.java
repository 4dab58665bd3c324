package io.tableos.db.sql.plan;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.Statistics;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.sql.session.ResultColumn;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** State shared while planning one statement: catalog, registries, parameter types, CTEs in scope. */
public final class PlanContext {
    /** A planned WITH query; each reference re-runs its plan. */
    public record Cte(PlanNode node, List<ResultColumn> columns) {}

    public final Catalog catalog;
    public final SystemTables systemTables;
    public final ProcedureRegistry procedures;
    public final ParamTypes params;
    /** Row counts and distinct counts that access-path choice is costed with. */
    public final Statistics statistics;
    private final Deque<Map<String, Cte>> ctes = new ArrayDeque<>();
    /** Bumped whenever an outer (correlated) reference is compiled; subqueries compare before/after. */
    int outerReferences;

    public PlanContext(Catalog catalog, SystemTables systemTables, ProcedureRegistry procedures, ParamTypes params) {
        this(catalog, systemTables, procedures, params, Statistics.NONE);
    }

    public PlanContext(Catalog catalog, SystemTables systemTables, ProcedureRegistry procedures, ParamTypes params, Statistics statistics) {
        this.statistics = statistics;
        this.catalog = catalog;
        this.systemTables = systemTables;
        this.procedures = procedures;
        this.params = params;
    }

    public void pushCtes() { ctes.push(new HashMap<>()); }
    public void popCtes() { ctes.pop(); }
    public void addCte(String name, Cte cte) { ctes.peek().put(name, cte); }

    public Cte cte(String name) {
        for (Map<String, Cte> level : ctes) {
            Cte c = level.get(name);
            if (c != null) return c;
        }
        return null;
    }
}
