package io.tableos.db.catalog;

import java.util.List;

/**
 * A FOREIGN KEY constraint, held by the referencing (child) table. MATCH SIMPLE: a row with
 * any NULL in {@code columns} is not checked.
 *
 * @param id                 catalog-wide unique id; it is also the pg_constraint OID
 * @param name               constraint name, e.g. {@code c_p_id_fkey}
 * @param columns            referencing column ordinals of the child table, in key order
 * @param referencedTableId  the parent table
 * @param referencedColumns  parent column ordinals, pairwise with {@code columns}; they are
 *                           the parent's primary key or the columns of one of its unique
 *                           constraints (in some order)
 * @param onDelete           action when a referenced parent row is deleted
 * @param onUpdate           action when a referenced parent key changes
 */
public record ForeignKeyDef(long id, String name, List<Integer> columns, long referencedTableId, List<Integer> referencedColumns,
                            ReferentialAction onDelete, ReferentialAction onUpdate) {}
