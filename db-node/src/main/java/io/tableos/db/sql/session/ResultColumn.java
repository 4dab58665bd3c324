package io.tableos.db.sql.session;

import io.tableos.db.types.DataType;

/**
 * A result column as RowDescription describes it.
 *
 * @param tableOid        oid of the source table, or 0
 * @param columnNumber    attribute number in that table (1-based), or 0
 */
public record ResultColumn(String name, DataType type, long tableOid, int columnNumber) {
    public static ResultColumn of(String name, DataType type) {
        return new ResultColumn(name, type, 0, 0);
    }
}
