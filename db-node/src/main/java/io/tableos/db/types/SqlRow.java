package io.tableos.db.types;

import java.util.Arrays;
import java.util.List;

/**
 * A row value (PostgreSQL's anonymous {@code record}): a ROW constructor's result, a whole-row
 * reference to a FROM item, a PL/pgSQL record passed to SQL. {@code values} use the Java
 * representation of {@code types}, position by position; both have the same length.
 *
 * <p>As a whole it follows PostgreSQL's rules for composite values: it IS NULL when every field is
 * null and IS NOT NULL when none is (so a row with some null fields is neither), and two rows compare
 * field by field with two nulls equal and a null after every value (record_eq, record_cmp); the
 * three-valued field-by-field comparison of two ROW constructors is the planner's, not this value's.
 */
public record SqlRow(Object[] values, List<DataType> types) {
    public SqlRow {
        if (values.length != types.size()) throw new IllegalArgumentException(values.length + " values for " + types.size() + " fields");
        types = List.copyOf(types);
    }

    public int size() {
        return values.length;
    }

    /** {@code row IS NULL}: every field is null (true for a row of no fields, as in PostgreSQL). */
    public boolean allFieldsNull() {
        for (Object v : values) if (v != null) return false;
        return true;
    }

    /** The negation of {@code row IS NOT NULL}: some field is null. */
    public boolean anyFieldNull() {
        for (Object v : values) if (v == null) return true;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlRow r && r.types.equals(types) && Arrays.deepEquals(r.values, values);
    }

    @Override
    public int hashCode() {
        return types.hashCode() * 31 + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
