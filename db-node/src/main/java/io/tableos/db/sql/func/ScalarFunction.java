package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;

/** A resolved scalar function: its result type for the argument types it was looked up with, and its body. */
public interface ScalarFunction {
    DataType returnType();

    /** {@code args} hold Java values of the argument types (null = SQL NULL); the array may be reused by the caller. */
    Object call(Object[] args, FunctionContext ctx);

    /** True when two calls in one statement may return different values (random, clock_timestamp): never fold or cache. */
    boolean volatileResult();
}
