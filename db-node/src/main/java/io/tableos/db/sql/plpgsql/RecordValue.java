package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * The value of a record variable: named, typed fields (a table's columns for NEW and OLD, a
 * query's result columns for FOR rec IN ... and SELECT INTO rec). Fields can be assigned
 * (NEW.x := ...), so {@code values} is the record's own copy.
 */
record RecordValue(List<String> names, List<DataType> types, Object[] values) {
    /** The position of {@code field} in the record held by variable {@code variable}; 42703 when it has none. */
    int index(String variable, String field) {
        int i = names.indexOf(field);
        if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "record \"" + variable + "\" has no field \"" + field + "\"");
        return i;
    }
}
