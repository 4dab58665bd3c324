package io.tableos.db.catalog.system;

import io.tableos.db.catalog.TableDef;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL text PostgreSQL prints for catalog objects: index and constraint definitions, column
 * defaults and quoted identifiers, shared by the catalog views and the catalog functions.
 */
public final class Definitions {
    /** Schemas on the (fixed) search path; objects in them are printed unqualified in pretty mode. */
    public static final Set<String> VISIBLE_SCHEMAS = Set.of("pg_catalog", "public");

    /** A bare nextval('seq') as CREATE TABLE ... serial stores it, without PostgreSQL's ::regclass. */
    private static final Pattern BARE_NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')*)'\\)");

    /**
     * Reserved key words (PostgreSQL's "reserved" and "reserved (can be function or type)"
     * plus the type and column-name key words quote_ident also quotes).
     */
    private static final Set<String> KEYWORDS = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
            "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
            "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with", "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
            "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row",
            "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Definitions() {}

    /** PostgreSQL's quote_ident: quotes unless the name is lower-case letters, digits, _ and not a key word. */
    public static String quoteIdent(String name) {
        boolean safe = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; safe && i < name.length(); i++) {
            char c = name.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c > 127 && Character.isLowerCase(c);
        }
        if (safe && !KEYWORDS.contains(name)) return name;
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A relation's name as PostgreSQL prints it: schema-qualified unless pretty and visible on the search path. */
    public static String relationName(String schema, String name, boolean pretty) {
        if (pretty && VISIBLE_SCHEMAS.contains(schema)) return quoteIdent(name);
        return quoteIdent(schema) + "." + quoteIdent(name);
    }

    /**
     * pg_get_indexdef: {@code CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)}; with
     * column > 0, just that key column's name ("" past the last one).
     */
    public static String indexDefinition(PgIndex index, int column, boolean pretty) {
        TableDef table = index.table();
        if (column > 0) {
            if (column > index.columns().size()) return "";
            return quoteIdent(table.columns().get(index.columns().get(column - 1)).name());
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.unique()) sql.append("UNIQUE ");
        sql.append("INDEX ").append(quoteIdent(index.name())).append(" ON ")
                .append(relationName(table.schema(), table.name(), pretty)).append(" USING btree (");
        for (int k = 0; k < index.columns().size(); k++) {
            if (k > 0) sql.append(", ");
            sql.append(quoteIdent(table.columns().get(index.columns().get(k)).name()));
            if (Boolean.TRUE.equals(index.descending().get(k))) sql.append(" DESC");
        }
        sql.append(')');
        if (index.predicateSql() != null) {
            sql.append(" WHERE ").append(pretty ? index.predicateSql() : "(" + index.predicateSql() + ")");
        }
        return sql.toString();
    }

    /**
     * pg_get_constraintdef of a CHECK ({@code CHECK ((a > 0))}, or {@code CHECK (a > 0)} when
     * pretty, as psql asks) or FOREIGN KEY ({@code FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE CASCADE}).
     */
    public static String constraintDefinition(PgConstraint c, boolean pretty) {
        if (c.check() != null) return pretty ? "CHECK (" + c.check().expressionSql() + ")" : "CHECK ((" + c.check().expressionSql() + "))";
        StringBuilder sql = new StringBuilder("FOREIGN KEY (");
        appendColumns(sql, c.table(), c.foreignKey().columns());
        String schema = c.referenced().schema();
        sql.append(") REFERENCES ").append(schema.equals("public") ? "" : quoteIdent(schema) + ".").append(quoteIdent(c.referenced().name())).append('(');
        appendColumns(sql, c.referenced(), c.foreignKey().referencedColumns());
        sql.append(')');
        if (c.foreignKey().onUpdate() != io.tableos.db.catalog.ReferentialAction.NO_ACTION) sql.append(" ON UPDATE ").append(c.foreignKey().onUpdate().sql());
        if (c.foreignKey().onDelete() != io.tableos.db.catalog.ReferentialAction.NO_ACTION) sql.append(" ON DELETE ").append(c.foreignKey().onDelete().sql());
        return sql.toString();
    }

    private static void appendColumns(StringBuilder sql, io.tableos.db.catalog.TableDef table, java.util.List<Integer> ordinals) {
        for (int k = 0; k < ordinals.size(); k++) {
            if (k > 0) sql.append(", ");
            sql.append(quoteIdent(table.columns().get(ordinals.get(k)).name()));
        }
    }

    /** pg_get_constraintdef for the constraints TableOS has: {@code PRIMARY KEY (id)}, {@code UNIQUE (a, b)}. */
    public static String constraintDefinition(PgIndex index) {
        StringBuilder sql = new StringBuilder(index.constraintType() == 'p' ? "PRIMARY KEY (" : "UNIQUE (");
        for (int k = 0; k < index.columns().size(); k++) {
            if (k > 0) sql.append(", ");
            sql.append(quoteIdent(index.table().columns().get(index.columns().get(k)).name()));
        }
        return sql.append(')').toString();
    }

    /**
     * A view's query as pg_get_viewdef and the catalog views print it: TableOS keeps the query
     * as the text it re-parses, so this is that text, ended by a semicolon as PostgreSQL's is
     * (PostgreSQL prints its own reconstruction, laid out on several lines).
     */
    public static String viewDefinition(io.tableos.db.catalog.ViewDef view) {
        return " " + view.querySql() + ";";
    }

    /**
     * A stored expression as pg_get_expr prints it. TableOS keeps expressions as SQL text, so
     * this is the text itself, with {@code nextval('s')} shown as PostgreSQL stores it,
     * {@code nextval('s'::regclass)} (pgJDBC and ORMs look for that form).
     */
    public static String expression(String sql) {
        if (sql == null || !sql.toLowerCase(Locale.ROOT).contains("nextval(")) return sql;
        Matcher matcher = BARE_NEXTVAL.matcher(sql);
        return matcher.replaceAll(match -> Matcher.quoteReplacement("nextval('" + match.group(1) + "'::regclass)"));
    }
}
