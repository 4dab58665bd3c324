package io.tableos.db.catalog;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The schemas an unqualified table, view or sequence name is looked up in, in order: the
 * session's {@code search_path} as PostgreSQL reads it. Names are stored folded and unquoted,
 * {@code $user} already replaced by the session's user. Schemas that do not exist stay in the
 * list and are skipped at each use, as in PostgreSQL, so creating one later makes it effective.
 * An unqualified CREATE goes to the first schema that exists; a lookup takes the first schema
 * that holds the name. pg_catalog is searched first where system relations are looked up (its
 * names are not in the catalog's user schemas).
 */
public record SearchPath(List<String> schemas) {
    /** PostgreSQL's default, "$user", public, for a user without a schema of that name. */
    public static final SearchPath PUBLIC = new SearchPath(List.of("public"));
    /** A setting longer than this is cut: the path is parsed for every statement a session plans. */
    static final int SCHEMAS_MAX = 64;

    public SearchPath {
        schemas = List.copyOf(schemas);
    }

    /** Reads a search_path value ({@code "$user", public}, {@code "My Schema",other}) for {@code user}. */
    public static SearchPath parse(String setting, String user) {
        if (setting == null) return PUBLIC;
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = setting.length();
        while (i < n && out.size() < SCHEMAS_MAX) {
            while (i < n && (setting.charAt(i) == ',' || Character.isWhitespace(setting.charAt(i)))) i++;
            if (i >= n) break;
            StringBuilder name = new StringBuilder();
            if (setting.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = setting.charAt(i++);
                    if (c == '"') {
                        if (i < n && setting.charAt(i) == '"') {
                            name.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        name.append(c);
                    }
                }
                while (i < n && setting.charAt(i) != ',') i++;
            } else {
                int start = i;
                while (i < n && setting.charAt(i) != ',') i++;
                name.append(setting.substring(start, i).trim().toLowerCase(Locale.ROOT));
            }
            String schema = name.toString();
            out.add(schema.equals("$user") ? user : schema);
        }
        return new SearchPath(out);
    }

    /** The first schema of the path that exists (current_schema()), or null when none does. */
    public String firstExisting(Catalog catalog) {
        for (String s : schemas) if (catalog.hasSchema(s)) return s;
        return null;
    }

    /** The schemas of the path that exist, in order (current_schemas(false)). */
    public List<String> existing(Catalog catalog) {
        List<String> out = new ArrayList<>();
        for (String s : schemas) if (catalog.hasSchema(s) && !out.contains(s)) out.add(s);
        return out;
    }

    /** Where an unqualified CREATE puts its object: 3F000 when no schema of the path exists. */
    public String creationSchema(Catalog catalog) {
        String schema = firstExisting(catalog);
        if (schema == null) throw new DbException(SqlState.UNDEFINED_SCHEMA, "no schema has been selected to create in");
        return schema;
    }

    /** The first non-null result of {@code inSchema} over the path's schemas, or null. */
    public <T> T find(Function<String, T> inSchema) {
        for (String s : schemas) {
            T found = inSchema.apply(s);
            if (found != null) return found;
        }
        return null;
    }
}
