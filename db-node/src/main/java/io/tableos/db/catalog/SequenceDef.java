package io.tableos.db.catalog;

/**
 * A sequence. The current value is storage state (a row of the sequence table), not part
 * of the definition.
 *
 * @param ownedByTableId  table whose serial column owns it (dropped with the table), or 0
 */
public record SequenceDef(long id, String schema, String name, long start, long increment,
                          long minValue, long maxValue, boolean cycle, long ownedByTableId) {}
