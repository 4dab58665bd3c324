package io.tableos.db.sql.exec;

import io.tableos.db.catalog.ColumnDef;
import java.util.Iterator;
import java.util.List;

/**
 * A virtual table computed on demand (pg_catalog.*, information_schema.*, sys.*). Queries
 * read it like a table, by a full scan of {@link #rows}; it cannot be written.
 */
public interface SystemTable {
    String schema();

    String name();

    List<ColumnDef> columns();

    /** The rows, each with one value per column in the Java representation of its type. */
    Iterator<Object[]> rows(ExecContext ctx);
}
