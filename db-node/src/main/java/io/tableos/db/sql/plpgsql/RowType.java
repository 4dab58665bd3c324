package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;
import java.util.List;

/** The fields of a row-typed variable ({@code table%ROWTYPE}): a table's columns when the body was compiled. */
record RowType(List<String> names, List<DataType> types) {
    RowType {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    /** A record of these fields, all null: a row variable before its first assignment. */
    RecordValue empty() {
        return new RecordValue(names, types, new Object[names.size()]);
    }
}
