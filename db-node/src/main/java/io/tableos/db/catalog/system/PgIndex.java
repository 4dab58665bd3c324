package io.tableos.db.catalog.system;

import io.tableos.db.catalog.TableDef;

import java.util.List;

/**
 * An index as pg_index and pg_class show it: a table's primary key or one of its IndexDefs.
 *
 * @param columns         column ordinals (0-based) of the table, in key order
 * @param constraintType  'p' for a primary key, 'u' for a UNIQUE constraint, 0 for a plain index
 * @param constraintOid   OID of the backing pg_constraint row, or 0
 */
public record PgIndex(long oid, String name, TableDef table, List<Integer> columns, List<Boolean> descending,
                      boolean unique, boolean primary, String predicateSql, char constraintType, long constraintOid) {

    public String schema() {
        return table.schema();
    }
}
