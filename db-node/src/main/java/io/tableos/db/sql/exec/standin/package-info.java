/**
 * Temporary stand-ins for the SQL front end's value semantics (Casts, Operators, TextFormat,
 * FunctionRegistry) and parser (StatementSplitter, SqlFrontEnd) with the signatures agreed
 * in FUNC-API.md, so the executor can be built and tested before the sqlfront branch lands.
 * Deleted once the real classes are in main.
 */
package io.tableos.db.sql.exec.standin;
