package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.expr.Calls;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.ProjectNode;
import io.tableos.db.sql.func.FunctionRegistry;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * regclass values are relation OIDs (Long) while a query runs, so they compare and join with
 * oid columns; only where PostgreSQL calls regclassout — a cast to text and a query's result
 * columns — do they become the relation's name. The name comes from the catalog function
 * {@code regclassout} (registered with the catalog functions), so the types package and the
 * wire codecs need no catalog. Without that function (planner unit tests) values stay OIDs.
 */
final class RegclassNames {
    /** Catalog function: regclass OID → relation name, schema-qualified when not on the search path. */
    static final String OUTPUT_FUNCTION = "regclassout";

    private RegclassNames() {}

    /** {@code value} (a regclass) as the relation's name. */
    static Expr name(Expr value) {
        if (!FunctionRegistry.exists(OUTPUT_FUNCTION)) return new Exprs.Cast(value, DataType.TEXT, true);
        DataType regclass = DataType.of(SqlType.REGCLASS);
        return new Calls.Function(OUTPUT_FUNCTION, FunctionRegistry.lookup(OUTPUT_FUNCTION, List.of(regclass)), List.of(value));
    }

    /**
     * The query with its regclass result columns turned into names. The columns keep type
     * regclass in RowDescription, as in PostgreSQL; their values are now Strings, which the
     * text format writes as they are (binary output of such a column is refused by the codec).
     */
    static PlannedQuery namedOutput(PlannedQuery query) {
        List<ResultColumn> columns = query.columns();
        boolean any = false;
        for (ResultColumn c : columns) any |= c.type().type() == SqlType.REGCLASS;
        if (!any || !FunctionRegistry.exists(OUTPUT_FUNCTION)) return query;
        List<Expr> outputs = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            Expr ref = new Exprs.ColumnRef(i, c.type(), c.name());
            outputs.add(c.type().type() == SqlType.REGCLASS ? name(ref) : ref);
        }
        PlanNode node = new ProjectNode(query.node(), outputs);
        return new PlannedQuery(node, columns);
    }
}
