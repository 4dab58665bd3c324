package io.tableos.db.sql.exec;

import io.tableos.db.types.DataType;

/**
 * One declared argument of a built-in procedure. Callers pass arguments by position or by
 * name ({@code name => value}); an argument with a default may be left out (its default, in
 * the Java representation of {@code type}, is passed; null is SQL NULL; a compiled {@link Expr} is
 * evaluated per call, as a CREATE FUNCTION parameter's DEFAULT expression is).
 */
public record ProcedureParameter(String name, DataType type, boolean hasDefault, Object defaultValue) {

    public static ProcedureParameter required(String name, DataType type) {
        return new ProcedureParameter(name, type, false, null);
    }

    public static ProcedureParameter optional(String name, DataType type, Object defaultValue) {
        return new ProcedureParameter(name, type, true, defaultValue);
    }
}
