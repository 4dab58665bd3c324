package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.ViewDef;
import io.tableos.db.txn.DdlOperation;
import java.util.List;

/**
 * The inverse of one catalog change made inside a transaction. Our DDL commits on its own the
 * moment it runs (see {@link DdlExecutor}); PostgreSQL's is transactional, and clients rely on
 * that (a migration that fails half-way, a test that creates its tables inside a transaction it
 * rolls back). So the session keeps these and applies them, newest first, when the transaction
 * or a savepoint rolls back ({@link TransactionState}).
 *
 * <p>Creations have exact inverses, and so do view changes and ALTER DATABASE ... SET (neither
 * holds rows: a replaced
 * or dropped view is put back as it was). A retype inside a block keeps the rows it replaced
 * ({@link DdlOperation.RetypeKeeping}), so its inverse puts them back. A change that destroys data
 * (a drop outside a block, a column dropped) has none: {@link #of} returns null and the statement
 * tells the client it cannot be rolled back. Between the change and its undo other sessions see the change; the undo is
 * applied only while the object is still as this change left it ({@link #applies}).
 *
 * @param done    the change that was applied
 * @param inverse what restores the catalog as it was before it
 */
record DdlUndo(DdlOperation done, DdlOperation inverse) {

    /** The undo of {@code done}, given the catalog before it is applied; null when it cannot be undone. */
    static DdlUndo of(DdlOperation done, Catalog before) {
        if (done instanceof DdlOperation.CreateTable c) return new DdlUndo(done, new DdlOperation.DropTable(c.table().id()));
        if (done instanceof DdlOperation.CreateSequence c) return new DdlUndo(done, new DdlOperation.DropSequence(c.sequence().id()));
        if (done instanceof DdlOperation.CreateSchema c) return new DdlUndo(done, new DdlOperation.DropSchema(c.name()));
        if (done instanceof DdlOperation.DatabaseSettings s) {
            return new DdlUndo(done, new DdlOperation.DatabaseSettings(s.database(), before.databaseSettings(s.database())));
        }
        if (done instanceof DdlOperation.CreateView c) {
            ViewDef old = before.view(c.view().id());
            return new DdlUndo(done, old == null ? new DdlOperation.DropView(c.view().id()) : new DdlOperation.CreateView(old));
        }
        if (done instanceof DdlOperation.DropView d) {
            ViewDef old = before.view(d.viewId());
            return old == null ? null : new DdlUndo(done, new DdlOperation.CreateView(old));
        }
        if (done instanceof DdlOperation.RetypeKeeping r) {
            TableDef old = before.table(r.alter().newDefinition().id());
            return old == null ? null : new DdlUndo(done, new DdlOperation.RestoreKept(old, r.kept().id()));
        }
        DdlUndo routine = RoutineUndo.of(done, before);
        if (routine != null) return routine;
        if (done instanceof DdlOperation.AlterTable a) {
            TableDef old = before.table(a.newDefinition().id());
            // A conversion replaced values (USING may even keep the type): going back would not restore them.
            if (old != null && a.conversions().isEmpty() && keepsEveryValue(old, a.newDefinition())) {
                return new DdlUndo(done, new DdlOperation.AlterTable(old, new Object[0]));
            }
        }
        return null;
    }

    /**
     * True when going back from {@code changed} to {@code old} loses nothing this transaction did
     * not add: the same row layout (names, indexes, constraints or defaults changed), or the old
     * columns, same names and types, followed by added ones (the undo's storage rewrite then maps
     * columns by name).
     */
    private static boolean keepsEveryValue(TableDef old, TableDef changed) {
        if (old.sharesRowLayout(changed)) return true;
        List<ColumnDef> before = old.columns();
        List<ColumnDef> after = changed.columns();
        if (after.size() <= before.size() || !old.primaryKey().equals(changed.primaryKey())) return false;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).type().equals(after.get(i).type()) || !before.get(i).name().equals(after.get(i).name())) return false;
        }
        return true;
    }

    /** True while the object is as {@link #done} left it (another session may have changed or dropped it since). */
    boolean applies(Catalog now) {
        if (done instanceof DdlOperation.CreateTable c) return now.table(c.table().id()) != null;
        if (done instanceof DdlOperation.CreateSequence c) return now.sequence(c.sequence().id()) != null;
        if (done instanceof DdlOperation.CreateSchema c) {
            if (!now.hasSchema(c.name())) return false;
            return now.tables().stream().noneMatch(t -> t.schema().equals(c.name()))
                    && now.sequences().stream().noneMatch(s -> s.schema().equals(c.name()));
        }
        if (done instanceof DdlOperation.AlterTable a) return a.newDefinition().equals(now.table(a.newDefinition().id()));
        if (done instanceof DdlOperation.RetypeKeeping r) {
            return r.alter().newDefinition().equals(now.table(r.alter().newDefinition().id())) && now.table(r.kept().id()) != null;
        }
        if (done instanceof DdlOperation.DatabaseSettings s) return now.hasDatabase(s.database()) && s.settings().equals(now.databaseSettings(s.database()));
        if (done instanceof DdlOperation.CreateView c) return c.view().equals(now.view(c.view().id()));
        if (done instanceof DdlOperation.DropView d && inverse instanceof DdlOperation.CreateView back) {
            return now.view(d.viewId()) == null && !DdlNames.relationExists(now, back.view().schema(), back.view().name());
        }
        Boolean routine = RoutineUndo.applies(this, now);
        return routine != null && routine;
    }
}
