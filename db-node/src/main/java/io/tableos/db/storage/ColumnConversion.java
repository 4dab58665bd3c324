package io.tableos.db.storage;

/**
 * How ALTER TABLE ... ALTER COLUMN ... TYPE fills one column of the rewritten rows:
 * {@code expressionSql} evaluated over each row as the old definition decodes it, its value cast
 * to the new column type as an assignment is. The SQL layer compiles it
 * ({@link RowPredicateCompiler#compileConversion}); it reads only the row, so every replica
 * computes the same values.
 *
 * @param ordinal       the column's position in the new definition
 * @param expressionSql PostgreSQL expression text over the old definition's column names
 */
public record ColumnConversion(int ordinal, String expressionSql) {}
