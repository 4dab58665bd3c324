/**
 * Server-side functions and triggers: a small PL/pgSQL interpreter of our own (not a port) and
 * LANGUAGE sql functions. A body is parsed once per definition ({@link io.tableos.db.sql.plpgsql.PlpgsqlRoutines}
 * caches it) into the statement tree of {@link io.tableos.db.sql.plpgsql.Ast}; every expression and
 * embedded statement is SQL text whose variable references were replaced by $n parameters at parse
 * time ({@link io.tableos.db.sql.plpgsql.Fragment}), run by the engine's ordinary planner and
 * executor (plans cached by text) inside the calling transaction. %TYPE and %ROWTYPE resolve in the
 * catalog at compile time ({@link io.tableos.db.sql.plpgsql.CatalogTypes}); a function's SET clauses
 * hold while it runs ({@link io.tableos.db.sql.plpgsql.FunctionSettings}); cursors hold their rows
 * from OPEN ({@link io.tableos.db.sql.plpgsql.Cursors}). A body's {@code $n} is its routine's n-th declared
 * parameter; a trigger's NEW and OLD without such a row are null rows of the table's type
 * ({@link io.tableos.db.sql.plpgsql.RecordValue}), and a whole record reaches SQL as one row value
 * ({@link io.tableos.db.sql.plpgsql.BoundFragment}); a procedure or DO block called at the top level in a
 * transaction of its own may COMMIT and ROLLBACK, going on in the session's next transaction.
 *
 * <p>Sits between sql.plan (which compiles calls to these functions) and sql.exec (whose
 * {@link io.tableos.db.sql.exec.StatementRunner} runs the SQL).
 */
package io.tableos.db.sql.plpgsql;
