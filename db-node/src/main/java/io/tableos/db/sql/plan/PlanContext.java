package io.tableos.db.sql.plan;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.Statistics;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.parse.LongLiterals;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.sql.session.ResultColumn;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.StringValue;

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
    private Deque<Map<String, Cte>> ctes = new ArrayDeque<>();
    /** Views being expanded, innermost last, each with the CTEs of the query that read it. */
    private final Deque<ViewLevel> views = new ArrayDeque<>();

    private record ViewLevel(long viewId, Deque<Map<String, Cte>> outerCtes, SearchPath outerSearchPath) {}
    /** Literals taken out of the statement before parsing ({@link LongLiterals}), by marker number. */
    private List<String> longLiterals = List.of();
    /** Where unqualified table and view names are looked up. */
    SearchPath searchPath = SearchPath.PUBLIC;
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

    /** Resolves unqualified table and view names through {@code path} (PUBLIC until set). */
    public PlanContext withSearchPath(SearchPath path) {
        this.searchPath = path;
        return this;
    }

    public PlanContext withLongLiterals(List<String> literals) {
        this.longLiterals = literals;
        return this;
    }

    /** A string literal's text, '' undoubled, with a long literal taken out before parsing put back. */
    public String literalText(StringValue v) {
        return LongLiterals.resolve(v.getValue(), longLiterals).replace("''", "'");
    }

    public void pushCtes() { ctes.push(new HashMap<>()); }
    public void popCtes() { ctes.pop(); }
    public void addCte(String name, Cte cte) { ctes.peek().put(name, cte); }

    /**
     * Starts planning a view's query: it must not see the reader's CTEs, and its unqualified names
     * resolve in the view's own schema, then public, whatever the reader's search path (PostgreSQL
     * binds them when the view is created; TableOS keeps the query text, not the creator's path).
     * 42P17 when the view is already being expanded.
     */
    void enterView(long viewId, String viewName, String viewSchema) {
        for (ViewLevel level : views) {
            if (level.viewId() == viewId) {
                throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.INVALID_RECURSION, "infinite recursion detected in rules for relation \"" + viewName + "\"");
            }
        }
        views.push(new ViewLevel(viewId, ctes, searchPath));
        ctes = new ArrayDeque<>();
        searchPath = viewSchema.equals("public") ? SearchPath.PUBLIC : new SearchPath(List.of(viewSchema, "public"));
    }

    void exitView() {
        ViewLevel level = views.pop();
        ctes = level.outerCtes();
        searchPath = level.outerSearchPath();
    }

    public Cte cte(String name) {
        for (Map<String, Cte> level : ctes) {
            Cte c = level.get(name);
            if (c != null) return c;
        }
        return null;
    }
}
