package io.tableos.db.txn;

import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;

/**
 * A catalog change as it travels in the replicated log. Applied in log order on every
 * replica, so object ids are chosen by the leader and carried here.
 */
public sealed interface DdlOperation {
    record CreateSchema(String name) implements DdlOperation {}

    record DropSchema(String name) implements DdlOperation {}

    /** Creates a table (with its indexes) and the sequences it owns. */
    record CreateTable(TableDef table, java.util.List<SequenceDef> ownedSequences) implements DdlOperation {}

    /**
     * Replaces a table's definition: added columns (rows get {@code fillValues} for the new
     * trailing columns), added or dropped indexes (index contents are rebuilt), a new primary key.
     */
    record AlterTable(TableDef newDefinition, Object[] fillValues, java.util.List<io.tableos.db.storage.ColumnConversion> conversions)
            implements DdlOperation {
        /** Without column type conversions: rows keep their values (see {@link io.tableos.db.storage.ColumnConversion}). */
        public AlterTable(TableDef newDefinition, Object[] fillValues) {
            this(newDefinition, fillValues, java.util.List.of());
        }
    }

    /**
     * ALTER COLUMN TYPE inside a transaction block: {@code alter} applied, and the rows it replaces
     * kept, unchanged, as the new table {@code kept} (the old columns and key, no indexes or
     * constraints) until the block ends: {@link RestoreKept} puts them back at ROLLBACK, a
     * DropTable of {@code kept} releases them at COMMIT.
     */
    record RetypeKeeping(AlterTable alter, TableDef kept) implements DdlOperation {}

    /**
     * The undo of {@link RetypeKeeping}: the table {@code definition.id()} takes the kept rows of
     * table {@code keptTableId} under {@code definition} (its definition before the retype,
     * indexes rebuilt), and the kept table is gone.
     */
    record RestoreKept(TableDef definition, long keptTableId) implements DdlOperation {}

    record DropTable(long tableId) implements DdlOperation {}

    record CreateSequence(SequenceDef sequence) implements DdlOperation {}

    record DropSequence(long sequenceId) implements DdlOperation {}

    /** Creates a view, or replaces the definition of the view with the same id. */
    record CreateView(io.tableos.db.catalog.ViewDef view) implements DdlOperation {}

    record DropView(long viewId) implements DdlOperation {}

    /** Registers a database name (all names reach the cluster's one catalog: see Catalog). */
    record CreateDatabase(String name) implements DdlOperation {}

    record DropDatabase(String name) implements DdlOperation {}

    /** ALTER DATABASE ... SET/RESET: the database's setting defaults after it, whole (name to normalized value). */
    record DatabaseSettings(String database, java.util.Map<String, String> settings) implements DdlOperation {}

    /** Creates a function, or replaces the definition (body, settings) of the function with the same id. */
    record CreateFunction(io.tableos.db.catalog.FunctionDef function) implements DdlOperation {}

    record DropFunction(long functionId) implements DdlOperation {}

    record CreateTrigger(io.tableos.db.catalog.TriggerDef trigger) implements DdlOperation {}

    record DropTrigger(long triggerId) implements DdlOperation {}

    /**
     * The table whose row layout (columns and their types, primary key) this operation changes
     * or ends, given the catalog before it; 0 for none. Rows a transaction buffered before such
     * a change are encoded for the old layout (see ReadSet.layouts).
     */
    static long rowLayoutChanged(DdlOperation operation, io.tableos.db.catalog.Catalog before) {
        if (operation instanceof DropTable d) return d.tableId();
        if (operation instanceof RetypeKeeping r) return r.alter().newDefinition().id();
        if (operation instanceof RestoreKept r) return r.definition().id();
        if (!(operation instanceof AlterTable a)) return 0;
        TableDef old = before.table(a.newDefinition().id());
        return old != null && old.sharesRowLayout(a.newDefinition()) && a.conversions().isEmpty() ? 0 : a.newDefinition().id();
    }
}
