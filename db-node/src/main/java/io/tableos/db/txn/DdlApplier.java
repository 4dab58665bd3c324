package io.tableos.db.txn;

import io.tableos.db.types.SqlState;
import io.tableos.db.types.DbException;
import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.Storage;
import io.tableos.db.txn.log.LogItem.SequenceWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link DdlOperation} to storage and catalog, storage first so a failing
 * storage change (23505 building a unique index) leaves the catalog untouched. Must be
 * deterministic: every replica runs it at the same log position.
 */
final class DdlApplier {
    private final Storage storage;
    private final Catalog catalog;
    private final SequenceCounters counters;

    DdlApplier(Storage storage, Catalog catalog, SequenceCounters counters) {
        this.storage = storage;
        this.catalog = catalog;
        this.counters = counters;
    }

    /** The table a DDL operation changes (conflicts with every reader of it), or 0. */
    static long affectedTableId(DdlOperation operation) {
        if (operation instanceof DdlOperation.CreateTable c) return c.table().id();
        if (operation instanceof DdlOperation.AlterTable a) return a.newDefinition().id();
        if (operation instanceof DdlOperation.RetypeKeeping r) return r.alter().newDefinition().id();
        if (operation instanceof DdlOperation.RestoreKept r) return r.definition().id();
        if (operation instanceof DdlOperation.DropTable d) return d.tableId();
        return 0;
    }

    void apply(DdlOperation operation) {
        if (operation instanceof DdlOperation.CreateSchema c) {
            catalog.createSchema(c.name());
        } else if (operation instanceof DdlOperation.DropSchema d) {
            catalog.dropSchema(d.name());
        } else if (operation instanceof DdlOperation.CreateTable c) {
            requireNew(c.table().id(), c.table().schema(), c.table().name());
            for (SequenceDef s : c.ownedSequences()) requireNew(s.id(), s.schema(), s.name());
            storage.createTable(c.table());
            catalog.putTable(c.table());
            for (SequenceDef s : c.ownedSequences()) createSequence(s);
        } else if (operation instanceof DdlOperation.AlterTable a) {
            storage.alterTable(a.newDefinition(), a.fillValues(), a.conversions());
            catalog.putTable(a.newDefinition());
        } else if (operation instanceof DdlOperation.RetypeKeeping r) {
            requireNew(r.kept().id(), r.kept().schema(), r.kept().name());
            storage.alterTableKeeping(r.alter().newDefinition(), r.alter().conversions(), r.kept());
            catalog.putTable(r.alter().newDefinition());
            catalog.putTable(r.kept());
        } else if (operation instanceof DdlOperation.RestoreKept r) {
            storage.restoreKept(r.definition(), r.keptTableId());
            catalog.putTable(r.definition());
            catalog.dropTable(r.keptTableId());
        } else if (operation instanceof DdlOperation.DropTable d) {
            dropTable(d.tableId());
        } else if (operation instanceof DdlOperation.CreateSequence c) {
            requireNew(c.sequence().id(), c.sequence().schema(), c.sequence().name());
            createSequence(c.sequence());
        } else if (operation instanceof DdlOperation.DropSequence d) {
            dropSequence(d.sequenceId());
        } else if (operation instanceof DdlOperation.CreateDatabase c) {
            catalog.createDatabase(c.name());
        } else if (operation instanceof DdlOperation.DropDatabase d) {
            catalog.dropDatabase(d.name());
        } else if (operation instanceof DdlOperation.DatabaseSettings s) {
            catalog.setDatabaseSettings(s.database(), s.settings());
        } else if (operation instanceof DdlOperation.CreateView c) {
            catalog.putView(c.view());
        } else if (operation instanceof DdlOperation.CreateFunction c) {
            catalog.routines().putFunction(c.function());
        } else if (operation instanceof DdlOperation.DropFunction d) {
            catalog.routines().dropFunction(d.functionId());
        } else if (operation instanceof DdlOperation.CreateTrigger c) {
            catalog.routines().putTrigger(c.trigger());
        } else if (operation instanceof DdlOperation.DropTrigger d) {
            catalog.routines().dropTrigger(d.triggerId());
        } else if (operation instanceof DdlOperation.DropView d) {
            catalog.dropView(d.viewId());
        } else {
            throw new IllegalStateException("unknown DDL " + operation);
        }
    }

    /**
     * A creation whose id or name exists already has no effect (the same on every replica). A
     * client that retries DDL whose first attempt timed out (08007) before it was applied sends
     * the same id twice; storage would refuse the second, and a failed apply stops the node.
     */
    private void requireNew(long id, String schema, String name) {
        if (catalog.table(id) != null || catalog.sequence(id) != null
                || catalog.table(schema, name) != null || catalog.sequence(schema, name) != null) {
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
    }

    private void createSequence(SequenceDef s) {
        catalog.putSequence(s);
        storage.setSequenceValue(s.id(), s.start() - s.increment());
    }

    private void dropSequence(long sequenceId) {
        storage.dropSequence(sequenceId);
        catalog.dropSequence(sequenceId);
        counters.forget(sequenceId);
    }

    private void dropTable(long tableId) {
        TableDef def = catalog.table(tableId);
        List<Long> owned = new ArrayList<>();
        for (SequenceDef s : catalog.sequences()) {
            if (s.ownedByTableId() == tableId) owned.add(s.id());
        }
        if (def != null && def.hiddenKeySequenceId() != 0 && !owned.contains(def.hiddenKeySequenceId())
                && catalog.sequence(def.hiddenKeySequenceId()) != null) {
            owned.add(def.hiddenKeySequenceId());
        }
        owned.sort(null);
        for (long id : owned) dropSequence(id);
        storage.dropTable(tableId);
        catalog.dropTable(tableId);
    }

    /** Persists a sequence value a committed transaction handed out or set. */
    void applySequenceWrite(SequenceWrite write) {
        SequenceDef def = catalog.sequence(write.sequenceId());
        if (def == null) return; // dropped since
        long value = switch (write.kind()) {
            case ADVANCE -> {
                long current = storage.sequenceValue(def.id());
                boolean forward = def.increment() > 0 ? write.value() > current : write.value() < current;
                yield forward || def.cycle() ? write.value() : current;
            }
            case SET_CALLED -> write.value();
            case SET_NOT_CALLED -> write.value() - def.increment();
        };
        storage.setSequenceValue(def.id(), value);
    }
}
