package io.tableos.db.sql.plpgsql;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a declaration's {@code table.column%TYPE} and {@code table%ROWTYPE} against the catalog
 * the body is compiled under, through {@code searchPath} for an unqualified table, as PostgreSQL
 * does when it compiles a function. The result is fixed in the compiled body: {@link #used()} tells
 * the caller the body must be compiled again when the catalog changes. CREATE FUNCTION's parameter
 * and result types that name a column or a table resolve here too, once, when it is created.
 */
public final class CatalogTypes {
    private final Catalog catalog;
    private final SearchPath searchPath;
    private boolean used;

    CatalogTypes(Catalog catalog, SearchPath searchPath) {
        this.catalog = catalog;
        this.searchPath = searchPath;
    }

    /** A table's columns as a row type, or null when {@code name} (table or schema.table) names no table. */
    RowType rowType(List<String> name) {
        TableDef table = table(name);
        return table == null ? null : RowType.of(table);
    }

    /** The type of {@code [schema.]table.column}, or null when no such table or column exists. */
    DataType columnType(List<String> name) {
        TableDef table = table(name.subList(0, name.size() - 1));
        return table == null ? null : column(table, name.get(name.size() - 1));
    }

    private static DataType column(TableDef table, String column) {
        for (ColumnDef c : table.columns()) if (c.name().equals(column)) return c.type();
        return null;
    }

    /**
     * A CREATE FUNCTION parameter or result type: {@code [schema.]table.column%TYPE} becomes the column's type as PostgreSQL
     * converts it then (without a type modifier: integer, numeric); any other type text is returned as it is. 42P01 or 42703
     * when the table or column does not exist (PostgreSQL's codes here, unlike a body's 42601).
     */
    public static String resolveTypeReference(String typeText, Catalog catalog, SearchPath searchPath) {
        String trimmed = typeText.trim();
        if (!trimmed.toLowerCase(java.util.Locale.ROOT).endsWith("%type")) return typeText;
        List<String> name = dottedName(trimmed.substring(0, trimmed.length() - "%type".length()));
        if (name.size() < 2) throw new DbException(SqlState.SYNTAX_ERROR, "improper %TYPE reference (too few dotted names): " + trimmed);
        List<String> tableName = name.subList(0, name.size() - 1);
        TableDef table = new CatalogTypes(catalog, searchPath).table(tableName);
        if (table == null) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", tableName) + "\" does not exist");
        }
        DataType column = column(table, name.get(name.size() - 1));
        if (column == null) {
            throw new DbException(SqlState.UNDEFINED_COLUMN, "column \"" + name.get(name.size() - 1) + "\" of relation \""
                    + tableName.get(tableName.size() - 1) + "\" does not exist");
        }
        return new DataType(column.type(), -1, -1, column.element()).sqlName();
    }

    /**
     * A CREATE FUNCTION result type naming a table (its row type) as {@code schema.table}, the table found through
     * {@code searchPath}; any other type text is returned as it is.
     */
    public static String resolveRowTypeReference(String typeText, Catalog catalog, SearchPath searchPath) {
        try {
            Casts.parseTypeName(typeText);
            return typeText;
        } catch (DbException notAType) {
            TableDef table = new CatalogTypes(catalog, searchPath).table(dottedName(typeText));
            return table == null ? typeText : table.schema() + "." + table.name();
        }
    }

    /** {@code a.b.c} as its names: a quoted one as written, others folded to lower case. */
    private static List<String> dottedName(String text) {
        List<String> name = new ArrayList<>();
        for (String part : text.split("\\.")) {
            String p = part.trim();
            name.add(p.startsWith("\"") && p.endsWith("\"") && p.length() > 1 ? p.substring(1, p.length() - 1) : p.toLowerCase(java.util.Locale.ROOT));
        }
        return name;
    }

    boolean used() {
        return used;
    }

    private TableDef table(List<String> name) {
        used = true;
        if (name.size() == 2) return catalog.table(name.get(0), name.get(1));
        if (name.size() != 1) return null;
        return searchPath.find(schema -> catalog.table(schema, name.get(0)));
    }
}
