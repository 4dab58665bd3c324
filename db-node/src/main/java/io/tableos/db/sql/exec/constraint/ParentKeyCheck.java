package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * The referencing side of a FOREIGN KEY: a new or changed child row must find its key in the
 * parent (unless a key column is NULL: MATCH SIMPLE).
 *
 * <p>Concurrency: the parent row is read through the transaction (a primary-key point read,
 * or a unique-index lookup, which the read set records as a read of the parent table), not
 * locked. If another transaction deletes or re-keys that parent row and commits first, this
 * transaction's commit fails validation with 40001; if this one commits first, the deleter
 * has read the child table (to look for referencing rows) and it is the one that fails. A
 * shared lock would serialize the same pair without waiting, but TableOS has only exclusive
 * row locks, and an exclusive lock would make concurrent inserts of children of one parent
 * queue behind each other. The price of the read: a concurrent update of a non-key column of
 * the parent row also fails the child's transaction, where PostgreSQL's KEY SHARE lock lets
 * it through.
 *
 * @param parentIndex the parent's unique index on the referenced columns, or null when they are its primary key
 */
public record ParentKeyCheck(ForeignKeyDef foreignKey, TableDef child, TableDef parent, IndexDef parentIndex) {

    /** The child row's key values in foreign-key column order, or null when one is NULL (nothing to check). */
    Object[] keyOf(Object[] childRow) {
        Object[] key = new Object[foreignKey.columns().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = childRow[foreignKey.columns().get(i)];
            if (key[i] == null) return null;
        }
        return key;
    }

    /** True when any foreign-key column differs between the two rows. */
    boolean changed(Object[] oldRow, Object[] newRow) {
        for (int c : foreignKey.columns()) {
            if (!ForeignKeyLookups.sameValue(child, c, oldRow[c], newRow[c])) return true;
        }
        return false;
    }

    /** 23503 unless the child row's key is NULL somewhere or present in the parent. */
    public void verify(ExecContext ctx, Object[] childRow) {
        Object[] key = keyOf(childRow);
        if (key == null || parentHasKey(ctx, key)) return;
        throw new DbException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + child.name()
                + "\" violates foreign key constraint \"" + foreignKey.name() + "\"",
                RowText.key(child, foreignKey.columns(), key) + " is not present in table \"" + parent.name() + "\".", null, 0, null);
    }

    /** True when a parent row has the key {@code key} (values in foreign-key column order). */
    boolean parentHasKey(ExecContext ctx, Object[] key) {
        TableStore store = ctx.storage().table(parent.id());
        if (store == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + parent.name() + "\" does not exist");
        Object[] parentRow = new Object[parent.columns().size()];
        for (int i = 0; i < key.length; i++) {
            int ordinal = foreignKey.referencedColumns().get(i);
            parentRow[ordinal] = Casts.cast(key[i], parent.columns().get(ordinal).type());
        }
        if (parentIndex == null) return ctx.transaction().get(store, KeyCodec.primaryKey(parent, parentRow, 0)) != null;
        byte[] prefix = KeyCodec.encodeColumns(parent, parentIndex.columns(), parentIndex.descending(), parentRow, null);
        try (KeyValueCursor cursor = ctx.transaction().indexScan(store, parentIndex, KeyRange.prefix(prefix), false)) {
            return cursor.next();
        }
    }
}
