package io.tableos.db.catalog;

import java.util.List;

/**
 * A view: a named query, expanded by the planner wherever the view is read. The query is kept
 * as SQL text the parser re-reads ({@code querySql}); {@code columns} are the names (after an
 * explicit column list) and types its result had when the view was created or replaced, which
 * the catalog views show. Views hold no rows, so replacing or dropping one never touches storage.
 */
public record ViewDef(long id, String schema, String name, String querySql, List<ColumnDef> columns) {
    public ViewDef {
        columns = List.copyOf(columns);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
