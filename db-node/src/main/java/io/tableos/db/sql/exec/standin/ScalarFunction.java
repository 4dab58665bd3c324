package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DataType;

/** Stand-in for io.tableos.db.sql.func.ScalarFunction. */
public interface ScalarFunction {
    DataType returnType();

    Object call(Object[] args, FunctionContext ctx);

    boolean volatileResult();
}
