package io.tableos.db.catalog;

/**
 * A CHECK constraint of a table: a boolean expression over the row's columns that must not
 * be false (true or NULL pass, as in PostgreSQL).
 *
 * @param id             catalog-wide unique id; it is also the pg_constraint OID
 * @param name           constraint name, e.g. {@code t_a_check}
 * @param expressionSql  the expression as SQL text, without the surrounding parentheses,
 *                       referring to columns by name (recompiled whenever a plan is made)
 */
public record CheckConstraintDef(long id, String name, String expressionSql) {}
