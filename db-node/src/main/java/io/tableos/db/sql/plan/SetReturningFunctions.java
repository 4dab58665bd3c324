package io.tableos.db.sql.plan;

import java.util.List;
import net.sf.jsqlparser.expression.Function;

/**
 * The set-returning functions the executor runs ({@link io.tableos.db.sql.exec.op.FunctionScanNode}):
 * generate_series and unnest (one column) and information_schema._pg_expandarray (columns x, n),
 * which pgJDBC's getPrimaryKeys and getIndexInfo call.
 */
final class SetReturningFunctions {
    private SetReturningFunctions() {}

    /** A set-returning function: its name, and its field names when it returns a composite. */
    record Kind(String name, List<String> fields) {}

    static final Kind EXPAND_ARRAY = new Kind("_pg_expandarray", List.of("x", "n"));

    /** The function {@code f} calls, or null when it is no set-returning function this executor knows. */
    static Kind kind(Function f) {
        List<String> parts = f.getMultipartName();
        String name = Names.ident(parts.get(parts.size() - 1));
        String schema = parts.size() > 1 ? Names.ident(parts.get(parts.size() - 2)) : null;
        if ((name.equals("generate_series") || name.equals("unnest")) && (schema == null || schema.equals("pg_catalog"))) {
            return new Kind(name, List.of());
        }
        if (name.equals(EXPAND_ARRAY.name()) && "information_schema".equals(schema)) return EXPAND_ARRAY;
        return null;
    }
}
