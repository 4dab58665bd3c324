package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * The value of a record variable: named, typed fields (a table's columns for NEW and OLD, a
 * query's result columns for FOR rec IN ... and SELECT INTO rec). Fields can be assigned
 * (NEW.x := ...), so {@code values} is the record's own copy.
 *
 * <p>{@code isNull}: the SQL NULL of a known row type, as PostgreSQL 11+ gives a trigger's NEW in
 * DELETE and statement-level triggers and OLD in INSERT: its fields read as null (every value is
 * null), assigning one makes it a row, and as a whole (RETURN NEW) it is null.
 */
record RecordValue(List<String> names, List<DataType> types, Object[] values, boolean isNull) {
    RecordValue(List<String> names, List<DataType> types, Object[] values) {
        this(names, types, values, false);
    }

    /** A row value's fields as a record, named f1, f2, ... as PostgreSQL names an anonymous record's columns. */
    static RecordValue of(SqlRow row) {
        List<String> names = new java.util.ArrayList<>(row.size());
        for (int i = 1; i <= row.size(); i++) names.add("f" + i);
        return new RecordValue(names, row.types(), row.values().clone());
    }

    /** The NULL of row type {@code row}. */
    static RecordValue nullOf(RowType row) {
        return new RecordValue(row.names(), row.types(), new Object[row.names().size()], true);
    }

    /** The position of {@code field} in the record held by variable {@code variable}; 42703 when it has none. */
    int index(String variable, String field) {
        int i = names.indexOf(field);
        if (i < 0) throw new DbException(SqlState.UNDEFINED_COLUMN, "record \"" + variable + "\" has no field \"" + field + "\"");
        return i;
    }

    /** This record as a value to keep or return: null for a null row. */
    static Object asValue(Object value) {
        return value instanceof RecordValue r && r.isNull ? null : value;
    }
}
