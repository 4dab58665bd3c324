package io.tableos.db.storage;

/**
 * How ALTER TABLE ... ALTER COLUMN ... TYPE fills one column of the rewritten rows:
 * {@code expressionSql} evaluated over each row as the old definition decodes it, its value cast
 * to the new column type as an assignment is, under the session TimeZone {@code timeZone} (date
 * to timestamptz is midnight there, timestamptz to text its local time there). The SQL layer
 * compiles it ({@link RowPredicateCompiler#compileConversion}); it reads only the row and the
 * zone carried here, so every replica computes the same values.
 *
 * @param ordinal       the column's position in the new definition
 * @param expressionSql PostgreSQL expression text over the old definition's column names
 * @param timeZone      a zone id {@link java.time.ZoneId#of} reads; "UTC" for entries written before it was carried
 */
public record ColumnConversion(int ordinal, String expressionSql, String timeZone) {
    /** Under UTC (what a conversion without a TimeZone of its own always meant). */
    public ColumnConversion(int ordinal, String expressionSql) {
        this(ordinal, expressionSql, UTC);
    }

    public static final String UTC = "UTC";
}
