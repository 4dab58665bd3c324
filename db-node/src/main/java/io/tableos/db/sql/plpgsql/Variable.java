package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;

/** A slot of a frame: a named variable of a scalar type, or a record ({@code type} null: NEW, OLD, FOR rec IN query). */
record Variable(String name, DataType type) {
    boolean isRecord() {
        return type == null;
    }

    static Variable record(String name) {
        return new Variable(name, null);
    }
}
