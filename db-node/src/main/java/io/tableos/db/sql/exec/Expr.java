package io.tableos.db.sql.exec;

import io.tableos.db.types.DataType;

/** A compiled scalar expression evaluated over a row of its operator's input. */
public interface Expr {
    Object eval(Object[] row, ExecContext ctx);

    DataType type();

    /** True when the value depends on nothing but parameters and constants (usable as a lookup key). */
    default boolean isRowIndependent() { return false; }
}
