package io.tableos.db.sql.exec;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.sql.session.ResultColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Views that exist by name pattern rather than by DDL: every {@code schema.<prefix><key>} whose
 * key is a lower-case identifier reads as {@code queryTemplate} with {@value #KEY} replaced by the
 * key as a SQL string literal. A service whose per-object tables live in one keyed table (pgmq's
 * {@code pgmq.q_<queue>} over {@code pgmq.messages}) offers them this way, since its procedures
 * cannot run DDL. Members are read-only, are not listed in pg_catalog, and exist for every key
 * (an unknown key reads as no rows). A real table or view of the same name wins.
 */
public record RelationFamily(String schema, String prefix, String queryTemplate, List<ResultColumn> columns) {
    public static final String KEY = "$key";
    private static final Pattern KEY_SHAPE = Pattern.compile("[a-z_][a-z0-9_]*");

    public RelationFamily {
        if (!queryTemplate.contains(KEY)) throw new IllegalArgumentException("the query template must use " + KEY);
        columns = List.copyOf(columns);
    }

    /** The view {@code name} is, or null when it is not of this family. */
    public ViewDef member(String name, long id) {
        if (!name.startsWith(prefix)) return null;
        String key = name.substring(prefix.length());
        if (!KEY_SHAPE.matcher(key).matches()) return null;  // identifier characters only: safe inside a literal
        List<ColumnDef> defs = new ArrayList<>(columns.size());
        for (ResultColumn c : columns) defs.add(new ColumnDef(c.name(), c.type(), false, null));
        return new ViewDef(id, schema, name, queryTemplate.replace(KEY, "'" + key + "'"), defs);
    }
}
