package io.tableos.db.catalog;

import java.util.List;

/**
 * An ordered secondary index. Its entries are keyed by the indexed columns followed by the
 * primary key, so entries are distinct even when the index is not unique.
 *
 * @param id            catalog-wide unique id
 * @param name          index name, unique within the schema
 * @param tableId       the table it indexes
 * @param columns       column ordinals, in key order
 * @param descending    per key column, true when DESC
 * @param unique        UNIQUE: no two rows with all indexed columns non-null and equal
 * @param predicateSql  for a partial index the WHERE clause as SQL text, otherwise null
 * @param constraint    true when it backs a UNIQUE constraint (not a CREATE INDEX)
 */
public record IndexDef(long id, String name, long tableId, List<Integer> columns, List<Boolean> descending,
                       boolean unique, String predicateSql, boolean constraint) {}
