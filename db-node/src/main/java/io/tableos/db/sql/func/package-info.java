/**
 * Value semantics of SQL, as PostgreSQL defines them: casts and type promotion
 * ({@link io.tableos.db.sql.func.Casts}), operators with overflow and NULL rules
 * ({@link io.tableos.db.sql.func.Operators}), LIKE and regular expressions with bounded caches
 * of compiled patterns, JSON values, and the scalar function library behind
 * {@link io.tableos.db.sql.func.FunctionRegistry}. Stateless and thread-safe; the executor
 * calls these per row, so they avoid allocation where it is easy.
 */
package io.tableos.db.sql.func;
