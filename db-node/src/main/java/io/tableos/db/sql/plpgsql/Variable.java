package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;

/**
 * A slot of a frame: a named variable of a scalar type, or a record ({@code type} null). A record
 * has a fixed {@code rowType} when declared {@code table%ROWTYPE} (its fields exist, null, from the
 * block's start and take a query's columns by position), else none: NEW, OLD, {@code record} and
 * FOR rec IN query take whatever row is assigned. {@code zeroBased}: an array whose subscripts start at 0, as
 * PostgreSQL gives TG_ARGV (our arrays start at 1, so its subscripts are shifted where the body is rewritten).
 */
record Variable(String name, DataType type, RowType rowType, boolean zeroBased) {
    Variable(String name, DataType type) {
        this(name, type, null, false);
    }

    Variable(String name, DataType type, RowType rowType) {
        this(name, type, rowType, false);
    }

    static Variable zeroBasedArray(String name, DataType type) {
        return new Variable(name, type, null, true);
    }

    boolean isRecord() {
        return type == null;
    }

    static Variable record(String name) {
        return new Variable(name, null, null);
    }

    static Variable row(String name, RowType rowType) {
        return new Variable(name, null, rowType);
    }
}
