package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogItem.SequenceWriteKind;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What session transactions and procedures share: the write buffer, reads through layers
 * of not-yet-stored changes, and the write operations with their locking and unique
 * checks. Subclasses decide what reads see below those layers (a snapshot, or the newest
 * state), which layers lie below the own writes, whether reads are recorded, and how locks
 * are taken.
 */
abstract class AbstractTransaction implements Transaction {
    final TransactionManagerImpl manager;
    final WriteBuffer buffer;
    /** True while the row source of FOR UPDATE SKIP LOCKED runs: its scans are not recorded. */
    private boolean skipLockedScan;
    boolean finished;

    AbstractTransaction(TransactionManagerImpl manager) {
        this.manager = manager;
        this.buffer = new WriteBuffer(manager.config().writeSetBytesMax(), manager.config().rowBytesMax());
    }

    // ---- hooks ----

    /** Layers between storage and this transaction's own writes, oldest first, for reads. */
    abstract List<RowLayer> readLayersBelowOwn(long tableId);

    /** The stored rows reads see: the table as of this transaction's snapshot, or as it is now. */
    abstract TableStore readView(TableStore table);

    abstract void recordKeyRead(long tableId, byte[] primaryKey);

    abstract void recordRangeRead(long tableId, KeyRange range);

    abstract void recordTableRead(long tableId);

    /** Before the first row of {@code tableId} is buffered: the layout its rows are encoded in (see ReadSet.layouts). */
    abstract void recordWrittenLayout(long tableId);

    /** Takes {@code key}'s lock; false when skipped (SKIP_LOCKED). */
    abstract boolean lock(TableKey key, LockWait wait);

    /** A row's lock was just taken to change or lock it: fails when the isolation level forbids changing it (40001). */
    abstract void rowLocked(TableKey key);

    /**
     * The latest version of a row this transaction has just locked (null when absent): the
     * previous holder may be sequenced but not yet applied (locks are released at sequencing).
     */
    abstract byte[] readLockedRow(TableStore table, byte[] primaryKey);

    /** Fails unless this transaction may write (25006 on a follower or in a read-only transaction). */
    abstract void checkWritable(String what);

    // ---- reads ----

    final void ensureOpen() {
        if (finished) throw new DbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "transaction already ended");
    }

    private List<RowLayer> layers(long tableId, List<RowLayer> below) {
        WriteBuffer.TableBuffer own = buffer.table(tableId);
        if (own == null) return below;
        List<RowLayer> all = new ArrayList<>(below.size() + 1);
        all.addAll(below);
        all.add(own);
        return all;
    }

    final List<RowLayer> readLayers(long tableId) {
        return layers(tableId, readLayersBelowOwn(tableId));
    }

    /** Layers for duplicate checks: also what other transactions sequenced but not yet applied. */
    final List<RowLayer> uniqueCheckLayers(long tableId) {
        PendingWrites.PendingTable pending = manager.pending.table(tableId);
        return layers(tableId, pending == null ? List.of() : List.of(pending));
    }

    @Override
    public byte[] get(TableStore table, byte[] primaryKey) {
        ensureOpen();
        long tableId = table.def().id();
        WriteBuffer.TableBuffer own = buffer.table(tableId);
        if (own != null) {
            byte[] row = own.rows.get(primaryKey);
            if (row != null) return row == WriteBuffer.DELETED ? null : row;
            if (own.truncated) return null;
        }
        byte[] row = LayeredRows.get(readView(table), primaryKey, readLayersBelowOwn(tableId));
        recordKeyRead(tableId, primaryKey);
        return row;
    }

    @Override
    public void setSkipLockedScan(boolean on) {
        skipLockedScan = on;
    }

    @Override
    public KeyValueCursor scan(TableStore table, KeyRange range, boolean descending) {
        ensureOpen();
        long tableId = table.def().id();
        KeyValueCursor cursor = LayeredRows.scan(readView(table), range, descending, readLayers(tableId));
        if (!skipLockedScan) recordRangeRead(tableId, range);
        return cursor;
    }

    @Override
    public KeyValueCursor indexScan(TableStore table, IndexDef index, KeyRange range, boolean descending) {
        ensureOpen();
        long tableId = table.def().id();
        KeyValueCursor cursor = LayeredRows.indexScan(readView(table), index, range, descending, readLayers(tableId));
        if (!skipLockedScan) recordTableRead(tableId);
        return cursor;
    }

    // ---- writes ----

    @Override
    public byte[] lockRow(TableStore table, byte[] primaryKey, LockWait wait) {
        ensureOpen();
        checkWritable("SELECT FOR UPDATE");
        TableKey key = new TableKey(table.def().id(), primaryKey);
        if (!lock(key, wait)) return SKIPPED;
        rowLocked(key);
        return readLockedRow(table, primaryKey);
    }

    @Override
    public void insert(TableStore table, byte[] primaryKey, byte[] row) {
        ensureOpen();
        checkWritable("INSERT");
        long tableId = table.def().id();
        lock(new TableKey(tableId, primaryKey), LockWait.WAIT);
        if (LayeredRows.get(table, primaryKey, uniqueCheckLayers(tableId)) != null) {
            String name = table.def().primaryKeyName() != null ? table.def().primaryKeyName()
                    : table.def().name() + "_pkey";
            throw duplicate(name);
        }
        checkUniqueIndexes(table, primaryKey, row, null);
        table.checkStorable(primaryKey, row); // storage must not refuse it at apply
        recordWrittenLayout(tableId);
        buffer.put(table, primaryKey, row);
    }

    @Override
    public void update(TableStore table, byte[] primaryKey, byte[] newRow) {
        ensureOpen();
        checkWritable("UPDATE");
        long tableId = table.def().id();
        TableKey key = new TableKey(tableId, primaryKey);
        lock(key, LockWait.WAIT);
        rowLocked(key);
        byte[] old = readLockedRow(table, primaryKey);
        checkUniqueIndexes(table, primaryKey, newRow, old);
        table.checkStorable(primaryKey, newRow); // storage must not refuse it at apply
        recordWrittenLayout(tableId);
        buffer.put(table, primaryKey, newRow);
    }

    @Override
    public void delete(TableStore table, byte[] primaryKey) {
        ensureOpen();
        checkWritable("DELETE");
        TableKey key = new TableKey(table.def().id(), primaryKey);
        lock(key, LockWait.WAIT);
        rowLocked(key);
        recordWrittenLayout(table.def().id());
        buffer.put(table, primaryKey, WriteBuffer.DELETED);
    }

    @Override
    public boolean hasRowWrites(long tableId) {
        WriteBuffer.TableBuffer own = buffer.table(tableId);
        return own != null && !own.rows.isEmpty();
    }

    @Override
    public boolean writesTable(long tableId) {
        WriteBuffer.TableBuffer own = buffer.table(tableId);
        return own != null && (own.truncated || !own.rows.isEmpty());
    }

    @Override
    public void truncate(TableStore table) {
        ensureOpen();
        checkWritable("TRUNCATE");
        buffer.truncate(table);
    }

    /**
     * For each unique index whose key the new row gets (and the old row did not have):
     * lock that key, then fail with 23505 when another row holds it. Rows with a NULL in
     * the indexed columns never collide.
     */
    private void checkUniqueIndexes(TableStore table, byte[] primaryKey, byte[] row, byte[] oldRow) {
        for (IndexDef index : table.def().indexes()) {
            if (!index.unique()) continue;
            byte[] key = table.indexKey(index, row);
            if (key == null || hasNullColumn(table, index, row)) continue;
            if (oldRow != null && Arrays.equals(key, table.indexKey(index, oldRow))) continue;
            lock(new TableKey(index.id(), key), LockWait.WAIT);
            try (KeyValueCursor c = LayeredRows.indexScan(table, index, KeyRange.point(key), false,
                    uniqueCheckLayers(table.def().id()))) {
                while (c.next()) {
                    if (!Arrays.equals(c.value(), primaryKey)) throw duplicate(index.name());
                }
            }
        }
    }

    private static boolean hasNullColumn(TableStore table, IndexDef index, byte[] row) {
        for (int ordinal : index.columns()) {
            if (RowCodec.decodeColumn(table.def(), row, ordinal) == null) return true;
        }
        return false;
    }

    private static DbException duplicate(String constraint) {
        return new DbException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + constraint + "\"");
    }

    // ---- sequences, notifications, savepoints ----

    @Override
    public long nextval(SequenceDef sequence) {
        ensureOpen();
        checkWritable("nextval()");
        long value = manager.counters.next(sequence);
        buffer.sequence(sequence.id(), SequenceWriteKind.ADVANCE, value);
        return value;
    }

    @Override
    public void setval(SequenceDef sequence, long value, boolean called) {
        ensureOpen();
        checkWritable("setval()");
        manager.counters.set(sequence, value, called);
        buffer.sequence(sequence.id(), called ? SequenceWriteKind.SET_CALLED : SequenceWriteKind.SET_NOT_CALLED, value);
    }

    @Override
    public void notify(int senderProcessId, String channel, String payload) {
        ensureOpen();
        checkWritable("NOTIFY");
        buffer.notify(senderProcessId, channel, payload == null ? "" : payload);
    }

    @Override
    public int savepoint() {
        ensureOpen();
        return buffer.savepoint();
    }

    @Override
    public void rollbackToSavepoint(int savepointId) {
        ensureOpen();
        buffer.rollbackToSavepoint(savepointId);
    }

    @Override
    public void releaseSavepoint(int savepointId) {
        ensureOpen();
        buffer.releaseSavepoint(savepointId);
    }
}
