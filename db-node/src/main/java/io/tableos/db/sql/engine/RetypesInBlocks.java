package io.tableos.db.sql.engine;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables whose columns an open transaction block of this node has retyped, each with that
 * block. Invariant: while a table is here, no other session's transaction commits a write to it
 * (55006 at its COMMIT), because the block's ROLLBACK puts the rows kept from before the retype
 * back whole ({@link io.tableos.db.txn.DdlOperation.RestoreKept}) and would lose such a write;
 * nor changes or drops it (55006 at once), since the restore applies only to the table as the
 * retype left it.
 * PostgreSQL makes the others wait for the block instead (ACCESS EXCLUSIVE lock); we have no
 * table locks, so they fail and may retry. A table is held before its retype is applied and
 * released once the block's undo or its COMMIT's drop of the kept rows is applied. Writes sequenced
 * by a transaction that began before the retype fail anyway (their rows have the old layout, 40001).
 *
 * <p>Only DDL runs on the leader, so one node's map covers the cluster; procedures of OS
 * services do not pass through a session's COMMIT and are not checked.
 */
final class RetypesInBlocks {
    private final Map<Long, TransactionState> holders = new ConcurrentHashMap<>();

    void hold(long tableId, TransactionState block) {
        holders.put(tableId, block);
    }

    /** Releases every table {@code block} holds. */
    void releaseAll(TransactionState block) {
        if (holders.isEmpty()) return; // every commit and rollback passes here
        holders.values().removeIf(holder -> holder == block);
    }

    /** 55006 when {@code operation} changes or drops a table another block holds. */
    void requireNotHeldByOthers(io.tableos.db.txn.DdlOperation operation, TransactionState self, TransactionManager manager) {
        if (holders.isEmpty()) return;
        long tableId = operation instanceof io.tableos.db.txn.DdlOperation.AlterTable a ? a.newDefinition().id()
                : operation instanceof io.tableos.db.txn.DdlOperation.RetypeKeeping r ? r.alter().newDefinition().id()
                : operation instanceof io.tableos.db.txn.DdlOperation.DropTable d ? d.tableId() : 0;
        TransactionState holder = holders.get(tableId);
        if (holder != null && holder != self) throw inUse(manager, tableId, "alter or drop");
    }

    /** 55006 when {@code transaction} wrote a table another block holds. */
    void requireNoneHeldByOthers(Transaction transaction, TransactionState self, TransactionManager manager) {
        if (holders.isEmpty()) return;
        for (Map.Entry<Long, TransactionState> e : holders.entrySet()) {
            if (e.getValue() != self && transaction.writesTable(e.getKey())) throw inUse(manager, e.getKey(), "write");
        }
    }

    private static DbException inUse(TransactionManager manager, long tableId, String what) {
        TableDef table = manager.catalog().table(tableId);
        return new DbException(SqlState.OBJECT_IN_USE, "cannot " + what + " table \"" + (table == null ? tableId : table.name())
                + "\" while another transaction that changed its column types is open", null, "Retry when that transaction has ended.", 0, null);
    }
}
