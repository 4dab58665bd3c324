package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.plan.Names;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.sf.jsqlparser.schema.Table;

/**
 * Name rules of DDL: unquoted identifiers fold to lower case, unqualified names go through the
 * session's search path ({@link SearchPath}),
 * and tables, indexes and sequences share one namespace per schema (as relations do in
 * PostgreSQL). Derived names follow PostgreSQL: {@code t_pkey}, {@code t_a_b_key},
 * {@code t_a_idx}, {@code t_id_seq}, truncated to 63 bytes.
 */
final class DdlNames {
    private DdlNames() {}

    static final int IDENTIFIER_CHARS_MAX = 63;

    /**
     * Finds {@code column} as a word, quoted or not, in SQL text the catalog keeps (CHECK
     * expressions, partial-index predicates). A string literal holding that word matches too:
     * a rename is then refused, a column drop takes that constraint or index along.
     */
    static Predicate<String> mentionsColumn(String column) {
        Pattern word = Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(column) + "\"?(?![\\w$])");
        return sql -> sql != null && word.matcher(sql).find();
    }

    /** 42703 for a column missing from an ALTER TABLE's table. */
    static DbException noSuchColumn(TableDef table, String column) {
        return new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + table.name() + "\" does not exist");
    }

    record Qualified(String schema, String name) {
        String display() { return schema.equals("public") ? name : schema + "." + name; }
    }

    /**
     * The object {@code t} names: a qualified name as written, an unqualified one in the first
     * schema of the search path that holds a relation of that name (else where CREATE would put it,
     * for the "does not exist" that follows).
     */
    static Qualified of(Table t, SearchPath path, Catalog catalog) {
        String name = Names.ident(t.getName());
        return t.getSchemaName() != null ? new Qualified(Names.ident(t.getSchemaName()), name) : found(name, path, catalog);
    }

    /** Where CREATE puts {@code t}: its own schema, or the first existing schema of the search path (3F000 when none). */
    static Qualified toCreate(Table t, SearchPath path, Catalog catalog) {
        String name = Names.ident(t.getName());
        if (t.getSchemaName() != null) return new Qualified(Names.ident(t.getSchemaName()), name);
        return new Qualified(path.creationSchema(catalog), name);
    }

    /** "name" or "schema.name" as written in a utility statement (already folded by the front end), looked up as {@link #of}. */
    static Qualified parse(String written, SearchPath path, Catalog catalog) {
        int dot = written.indexOf('.');
        if (dot < 0) return found(written, path, catalog);
        return new Qualified(written.substring(0, dot), written.substring(dot + 1));
    }

    /** Where CREATE puts a name written as "name" or "schema.name". */
    static Qualified parseToCreate(String written, SearchPath path, Catalog catalog) {
        int dot = written.indexOf('.');
        if (dot < 0) return new Qualified(path.creationSchema(catalog), written);
        return new Qualified(written.substring(0, dot), written.substring(dot + 1));
    }

    private static Qualified found(String name, SearchPath path, Catalog catalog) {
        String schema = path.find(s -> relationExists(catalog, s, name) ? s : null);
        if (schema == null) schema = path.firstExisting(catalog);
        return new Qualified(schema == null ? "public" : schema, name);
    }

    static String ident(String raw) {
        return Names.ident(raw);
    }

    static void requireSchema(Catalog catalog, String schema) {
        if (!catalog.hasSchema(schema)) throw new DbException(SqlState.UNDEFINED_SCHEMA, "schema \"" + schema + "\" does not exist");
    }

    /** True when a table, sequence or index of that name exists in the schema. */
    static boolean relationExists(Catalog catalog, String schema, String name) {
        if (catalog.table(schema, name) != null || catalog.sequence(schema, name) != null || catalog.view(schema, name) != null) return true;
        return findIndex(catalog, schema, name) != null;
    }

    static void requireFreeRelationName(Catalog catalog, String schema, String name) {
        if (relationExists(catalog, schema, name)) {
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
    }

    /** The table holding the named index, or null. */
    static TableDef findIndex(Catalog catalog, String schema, String indexName) {
        for (TableDef t : catalog.tables()) {
            if (!t.schema().equals(schema)) continue;
            if (indexName.equals(t.primaryKeyName())) return t;
            for (IndexDef i : t.indexes()) if (i.name().equals(indexName)) return t;
        }
        return null;
    }

    static TableDef requireTable(Catalog catalog, Qualified name) {
        TableDef t = catalog.table(name.schema(), name.name());
        if (t == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name.display() + "\" does not exist");
        return t;
    }

    static String truncate(String name) {
        return name.length() <= IDENTIFIER_CHARS_MAX ? name : name.substring(0, IDENTIFIER_CHARS_MAX);
    }

    /** A PostgreSQL-style derived name, made unique in the schema by a number suffix. */
    static String derived(Catalog catalog, String schema, String table, List<String> columns, String suffix, java.util.Set<String> taken) {
        String base = truncate(table + (columns.isEmpty() ? "" : "_" + String.join("_", columns)) + "_" + suffix);
        String candidate = base;
        for (int n = 1; relationExists(catalog, schema, candidate) || taken.contains(candidate); n++) {
            String number = Integer.toString(n);
            candidate = base.length() + number.length() <= IDENTIFIER_CHARS_MAX ? base + number
                    : base.substring(0, IDENTIFIER_CHARS_MAX - number.length()) + number;
        }
        taken.add(candidate);
        return candidate;
    }
}
