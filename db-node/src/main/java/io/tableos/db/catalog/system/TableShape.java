package io.tableos.db.catalog.system;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.types.SqlType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one catalog relation and a way to build its rows by column name.
 *
 * <p>Unset columns of a catalog table ({@code view == false}) read as PostgreSQL's catalogs
 * show them, never NULL: false, 0, 0.0 — except text and arrays, which stay NULL. Unset
 * columns of a view are NULL, as in PostgreSQL's views.
 */
record TableShape(String schema, String name, boolean view, List<ColumnDef> columns, Map<String, Integer> positions) {

    TableShape(String schema, String name, boolean view, List<ColumnDef> columns) {
        this(schema, name, view, List.copyOf(columns), positionsOf(columns));
    }

    private static Map<String, Integer> positionsOf(List<ColumnDef> columns) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) positions.put(columns.get(i).name(), i);
        return Map.copyOf(positions);
    }

    RowBuilder row() {
        Object[] values = new Object[columns.size()];
        if (!view) {
            for (int i = 0; i < values.length; i++) values[i] = zero(columns.get(i).type().type());
        }
        return new RowBuilder(this, values);
    }

    int position(String column) {
        Integer position = positions.get(column);
        if (position == null) throw new IllegalArgumentException(schema + "." + name + " has no column " + column);
        return position;
    }

    private static Object zero(SqlType type) {
        return switch (type) {
            case BOOL -> Boolean.FALSE;
            case INT2 -> (short) 0;
            case INT4 -> 0;
            case INT8, OID -> 0L;
            case FLOAT4 -> 0.0f;
            case FLOAT8 -> 0.0;
            default -> null;
        };
    }

    /** Fills one row; values use the Java representation of each column's type (see SqlType). */
    static final class RowBuilder {
        private final TableShape shape;
        private final Object[] values;

        private RowBuilder(TableShape shape, Object[] values) {
            this.shape = shape;
            this.values = values;
        }

        RowBuilder set(String column, Object value) {
            values[shape.position(column)] = value;
            return this;
        }

        Object[] build() {
            assert typesMatch() : "row of " + shape.name() + " has a value of the wrong Java type";
            return values;
        }

        private boolean typesMatch() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null && !JavaTypes.accepts(shape.columns().get(i).type(), values[i])) {
                    throw new AssertionError(shape.name() + "." + shape.columns().get(i).name() + " = " + values[i]
                            + " (" + values[i].getClass().getSimpleName() + ")");
                }
            }
            return true;
        }
    }
}
