package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Arrays;

/**
 * The referenced side of one FOREIGN KEY, held by the parent's {@link TableConstraints}:
 * what a deleted or re-keyed parent row does to the child rows that reference it. NO ACTION
 * and RESTRICT fail at the end of the statement if a child still references a key the parent
 * no longer has; CASCADE deletes (or re-keys) the children, SET NULL and SET DEFAULT rewrite
 * their foreign-key columns. Children are locked before they are changed, as UPDATE and
 * DELETE lock their targets.
 */
public final class ChildReferences {
    private final ForeignKeyDef foreignKey;
    private final TableDef child;
    private final ParentKeyCheck parentCheck;
    private final ForeignKeyLookups.Access access;
    private final Expr[] childDefaults;
    /** The child's own constraints (checks for rewritten rows, its own children); bound once after planning, may be null. */
    private TableConstraints childConstraints;

    /**
     * @param parentCheck   the same foreign key seen from the child (parent lookup for "is the key still there")
     * @param childDefaults per child column its DEFAULT expression or null; used by SET DEFAULT only
     */
    public ChildReferences(ParentKeyCheck parentCheck, Expr[] childDefaults) {
        this.foreignKey = parentCheck.foreignKey();
        this.child = parentCheck.child();
        this.parentCheck = parentCheck;
        this.access = ForeignKeyLookups.choose(child, foreignKey);
        this.childDefaults = childDefaults;
    }

    /** Sets the child's constraints, once; separate from construction because references can form cycles. */
    public void bind(TableConstraints constraints) {
        if (childConstraints != null) throw new IllegalStateException("already bound");
        childConstraints = constraints;
    }

    public TableDef child() { return child; }

    /** The parent row's referenced key in foreign-key column order, converted to the child's column types; null when a part is NULL. */
    Object[] referencedKey(Object[] parentRow) {
        Object[] key = new Object[foreignKey.referencedColumns().size()];
        for (int i = 0; i < key.length; i++) {
            Object v = parentRow[foreignKey.referencedColumns().get(i)];
            if (v == null) return null;
            key[i] = Casts.cast(v, child.columns().get(foreignKey.columns().get(i)).type());
        }
        return key;
    }

    /** True when a referenced column differs between the two parent rows. */
    boolean changed(Object[] oldParentRow, Object[] newParentRow) {
        for (int c : foreignKey.referencedColumns()) {
            if (!ForeignKeyLookups.sameValue(parentCheck.parent(), c, oldParentRow[c], newParentRow[c])) return true;
        }
        return false;
    }

    /** The action for a removed parent key: a deleted row ({@code newParentRow} null) or a changed key. */
    ReferentialAction action(boolean deleted) {
        return deleted ? foreignKey.onDelete() : foreignKey.onUpdate();
    }

    /** Runs CASCADE, SET NULL or SET DEFAULT on the children of {@code key}; new work goes to {@code work}. */
    void apply(ExecContext ctx, DeferredChecks work, Object[] key, Object[] newParentRow) {
        ReferentialAction action = action(newParentRow == null);
        TableStore store = store(ctx);
        Transaction txn = ctx.transaction();
        for (byte[] primaryKey : ForeignKeyLookups.childKeys(ctx, store, foreignKey, access, key)) {
            byte[] current = txn.lockRow(store, primaryKey, Transaction.LockWait.WAIT);
            if (current == null || current == Transaction.SKIPPED) continue;
            Object[] row = RowCodec.decode(child, current);
            if (!ForeignKeyLookups.holdsKey(child, foreignKey, row, key)) continue;
            if (action == ReferentialAction.CASCADE && newParentRow == null) {
                txn.delete(store, primaryKey);
                if (childConstraints != null) childConstraints.deleted(work, row);
                continue;
            }
            Object[] newRow = rewritten(ctx, row, action, newParentRow);
            if (childConstraints != null) childConstraints.checkRow(ctx, newRow);
            byte[] newKey = child.hasHiddenKey() ? primaryKey : KeyCodec.primaryKey(child, newRow, 0);
            if (Arrays.equals(newKey, primaryKey)) {
                txn.update(store, primaryKey, RowCodec.encode(child, newRow));
            } else {
                txn.delete(store, primaryKey);
                txn.insert(store, newKey, RowCodec.encode(child, newRow));
            }
            if (childConstraints != null) childConstraints.updated(work, row, newRow);
        }
    }

    private Object[] rewritten(ExecContext ctx, Object[] row, ReferentialAction action, Object[] newParentRow) {
        Object[] newRow = row.clone();
        for (int i = 0; i < foreignKey.columns().size(); i++) {
            int c = foreignKey.columns().get(i);
            Object value = switch (action) {
                case SET_NULL -> null;
                case SET_DEFAULT -> childDefaults[c] == null ? null : childDefaults[c].eval(new Object[0], ctx);
                default -> newParentRow[foreignKey.referencedColumns().get(i)]; // ON UPDATE CASCADE
            };
            newRow[c] = Casts.cast(value, child.columns().get(c).type());
            if (newRow[c] == null && (child.columns().get(c).notNull() || child.primaryKey().contains(c))) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + child.columns().get(c).name()
                        + "\" of relation \"" + child.name() + "\" violates not-null constraint",
                        "Failing row contains " + RowText.row(child, newRow) + ".", null, 0, null);
            }
        }
        return newRow;
    }

    /** NO ACTION / RESTRICT at the end of the statement: fails if the parent lost {@code key} and a child still holds it. */
    void verifyUnreferenced(ExecContext ctx, Object[] key) {
        if (parentCheck.parentHasKey(ctx, key)) return;
        if (ForeignKeyLookups.childKeys(ctx, store(ctx), foreignKey, access, key).isEmpty()) return;
        Object[] parentValues = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            parentValues[i] = Casts.cast(key[i], parentCheck.parent().columns().get(foreignKey.referencedColumns().get(i)).type());
        }
        throw new DbException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + parentCheck.parent().name()
                + "\" violates foreign key constraint \"" + foreignKey.name() + "\" on table \"" + child.name() + "\"",
                RowText.key(parentCheck.parent(), foreignKey.referencedColumns(), parentValues) + " is still referenced from table \""
                        + child.name() + "\".", null, 0, null);
    }

    private TableStore store(ExecContext ctx) {
        TableStore store = ctx.storage().table(child.id());
        if (store == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + child.name() + "\" does not exist");
        return store;
    }
}
