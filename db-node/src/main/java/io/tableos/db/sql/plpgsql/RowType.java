package io.tableos.db.sql.plpgsql;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.List;

/** The fields of a row-typed variable ({@code table%ROWTYPE}): a table's columns when the body was compiled. */
record RowType(List<String> names, List<DataType> types) {
    RowType {
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    /** {@code table}'s columns, in order: its row type (%ROWTYPE, a trigger's NEW and OLD). */
    static RowType of(TableDef table) {
        int n = table.columns().size();
        String[] names = new String[n];
        DataType[] types = new DataType[n];
        for (int i = 0; i < n; i++) {
            ColumnDef c = table.columns().get(i);
            names[i] = c.name();
            types[i] = c.type();
        }
        return new RowType(List.of(names), List.of(types));  // immutable already: the constructor's copyOf keeps them
    }

    /** A record of these fields, all null: a row variable before its first assignment. */
    RecordValue empty() {
        return new RecordValue(names, types, new Object[names.size()]);
    }
}
