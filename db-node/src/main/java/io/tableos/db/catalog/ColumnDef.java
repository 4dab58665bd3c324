package io.tableos.db.catalog;

import io.tableos.db.types.DataType;

/**
 * One column of a table.
 *
 * @param name        lower-cased unless it was quoted
 * @param type        its type with modifiers
 * @param notNull     NOT NULL (primary-key columns are always NOT NULL)
 * @param defaultSql  the DEFAULT expression as SQL text (e.g. {@code now()}, {@code nextval('t_id_seq')}), or null
 */
public record ColumnDef(String name, DataType type, boolean notNull, String defaultSql) {}
