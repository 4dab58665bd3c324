package io.tableos.db.txn;

import io.tableos.db.storage.KeyOrder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The replaced versions of one table's rows, and what scans need to find rows that a
 * snapshot still sees but storage no longer holds. Written by the apply thread only (see
 * {@link VersionStore}); read by any number of sessions.
 *
 * <ul>
 *   <li>{@link #chains}: primary key → newest replaced version (point reads and the check of
 *       every row a scan returns).</li>
 *   <li>{@link #deletedKeys}: primary keys deleted, by the sequence of their latest deletion
 *       (primary-key scans merge them, since storage's key set no longer has them).</li>
 *   <li>{@link #removedIndexEntries}: per index, entries (index key followed by primary key)
 *       a change removed, by the sequence that removed them (index scans merge them).</li>
 * </ul>
 * Every structure is filled before storage is changed, so a reader that finds storage changed
 * finds the version too.
 */
final class TableVersions {
    final long tableId;
    final ConcurrentHashMap<TableKey, RowVersion> chains = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<byte[], Long> deletedKeys = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
    final ConcurrentHashMap<Long, ConcurrentSkipListMap<byte[], RemovedEntry>> removedIndexEntries = new ConcurrentHashMap<>();

    /** An index entry a commit removed: its sequence, and where the index key ends and the primary key starts. */
    record RemovedEntry(long sequence, int split) {}
    /**
     * The sequence of the last TRUNCATE or row-rewriting DDL: a snapshot older than it sees the
     * table empty. PostgreSQL documents the same for TRUNCATE and table-rewriting ALTER TABLE
     * ("not MVCC-safe"); keeping every old row of a truncated table would cost its whole size.
     */
    volatile long replacedAt;

    TableVersions(long tableId) {
        this.tableId = tableId;
    }

    /**
     * The row as of {@code snapshot}, given {@code current}: the row storage held when read,
     * which the caller must have read before calling (a change after that read has linked
     * its version already).
     */
    byte[] resolve(byte[] primaryKey, byte[] current, long snapshot) {
        RowVersion v = chains.get(new TableKey(tableId, primaryKey));
        RowVersion oldestNewer = null; // read only that one's row: a spilled row costs a copy
        while (v != null && v.sequence > snapshot) {
            oldestNewer = v;
            v = v.older;
        }
        return oldestNewer == null ? current : oldestNewer.row();
    }

    /** True when a commit after {@code snapshot} changed the row (its current version is not the snapshot's). */
    boolean changedAfter(byte[] primaryKey, long snapshot) {
        RowVersion v = chains.get(new TableKey(tableId, primaryKey));
        return v != null && v.sequence > snapshot;
    }

    ConcurrentSkipListMap<byte[], RemovedEntry> removedEntries(long indexId) {
        return removedIndexEntries.get(indexId);
    }
}
