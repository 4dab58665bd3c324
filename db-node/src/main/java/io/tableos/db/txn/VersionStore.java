package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.TableStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The versions of rows that applied commits replaced or deleted, kept while an open snapshot
 * needs them and for a history window: what lets every statement read a consistent snapshot
 * while the apply thread keeps writing storage in place (storage holds only the newest rows).
 *
 * <p>Design: undo chains beside storage, as InnoDB and Oracle keep them. Before the apply
 * thread changes a row it links the row's current value, stamped with the changing commit's
 * sequence, at the head of that row's chain (plus a deleted-key or removed-index-entry record
 * where scans could otherwise miss the row). A reader at snapshot S reads storage first, then
 * walks the chain back to the oldest version newer than S. Appends are O(1) per written row;
 * a reader pays one hash lookup per row, and scans merge the few recently deleted keys.
 *
 * <p>Retention: changes are kept in commit order in {@link #history}; the oldest go once no
 * open snapshot is older than them and they fall out of the window (or the byte budget is
 * exceeded; a long-open snapshot still keeps what it needs). Large rows of versions go to
 * {@link VersionSpill}'s files, not the heap, and so do rows of any size once the versions on
 * the heap reach the budget: a commit deleting a gigabyte of rows keeps them all while any older
 * snapshot is open, and every replica applies it. The budget counts both. Versions do not
 * outlive the process: a
 * restarted node has no snapshot older than its restart. Threading: the apply thread alone
 * writes; readers use the concurrent maps of {@link TableVersions}.
 */
final class VersionStore {
    /** Per-version bookkeeping beyond the key and row bytes (objects, map entries), for the budget. */
    private static final int OVERHEAD_BYTES = 120;

    private enum Kind { ROW, DELETED_KEY, INDEX_ENTRY }

    private record Change(Kind kind, long sequence, long appliedAtMillis, TableVersions table, byte[] key,
                          long indexId, int bytes, VersionSpill.Spilled spilled) {}

    private final ConcurrentHashMap<Long, TableVersions> tables = new ConcurrentHashMap<>();
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private final Snapshots snapshots;
    private final VersionSpill spill;
    private final long windowMillis;
    private final long bytesMax;
    private volatile long bytes;
    private volatile long versions;
    /** State was replaced wholesale (snapshot install) at this sequence: older snapshots cannot be served. */
    private volatile long resetSequence;

    VersionStore(Snapshots snapshots, VersionSpill spill, Duration window, long bytesMax) {
        this.snapshots = snapshots;
        this.spill = spill;
        this.windowMillis = window.toMillis();
        this.bytesMax = bytesMax;
    }

    /**
     * The table's versions (created empty on first use: a reader and the apply thread must
     * share one object, or a reader could miss versions linked after it looked).
     */
    TableVersions versionsOf(long tableId) {
        return tables.computeIfAbsent(tableId, TableVersions::new);
    }

    long resetSequence() {
        return resetSequence;
    }

    long bytes() {
        return bytes;
    }

    long versionCount() {
        return versions;
    }

    /** The part of {@link #bytes()} held in spill files rather than on the heap. */
    long spilledBytes() {
        return spill.bytes();
    }

    // ---- apply thread ----

    /** Before {@code store} changes the row {@code primaryKey} to {@code newRow} (null: deleted) at {@code sequence}. */
    void beforeWrite(TableStore store, byte[] primaryKey, byte[] newRow, long sequence, long nowMillis) {
        byte[] prior = store.get(primaryKey);
        if (prior == null && newRow == null) return;
        long tableId = store.def().id();
        TableVersions t = versionsOf(tableId);
        TableKey key = new TableKey(tableId, primaryKey);
        VersionSpill.Spilled spilled = prior != null && spills(prior) ? spill.spill(prior) : null;
        t.chains.put(key, new RowVersion(sequence, spilled == null ? prior : null, spilled, t.chains.get(key)));
        add(new Change(Kind.ROW, sequence, nowMillis, t, primaryKey, 0,
                OVERHEAD_BYTES + primaryKey.length + (prior == null ? 0 : prior.length), spilled));
        if (prior == null) return;
        if (newRow == null) {
            t.deletedKeys.put(primaryKey, sequence);
            add(new Change(Kind.DELETED_KEY, sequence, nowMillis, t, primaryKey, 0, OVERHEAD_BYTES + primaryKey.length, null));
        }
        for (IndexDef index : store.def().indexes()) {
            byte[] oldKey = store.indexKey(index, prior);
            if (oldKey == null || (newRow != null && Arrays.equals(oldKey, store.indexKey(index, newRow)))) continue;
            byte[] entry = LayeredRows.concat(oldKey, primaryKey);
            t.removedIndexEntries.computeIfAbsent(index.id(), id -> new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR))
                    .put(entry, new TableVersions.RemovedEntry(sequence, oldKey.length));
            add(new Change(Kind.INDEX_ENTRY, sequence, nowMillis, t, entry, index.id(), OVERHEAD_BYTES + entry.length, null));
        }
    }

    /**
     * Whether {@code prior} goes to a spill file: when large, or when the versions on the heap
     * have reached the budget. Rows of any size count: one transaction deleting 384 MiB of 16 KiB
     * rows kept them all on the heap of a 320 MiB node while it applied the commit (versions are
     * pruned only after an item's apply) and killed it (APPLY-FAILED, on every replica).
     */
    private boolean spills(byte[] prior) {
        return prior.length >= VersionSpill.ROW_BYTES_MIN || bytes - spill.bytes() + prior.length > bytesMax;
    }

    /**
     * The table's rows were all replaced at {@code sequence} (TRUNCATE, a rewriting ALTER, a
     * DROP): older snapshots see it empty, and its versions go (they are in the old layout).
     */
    void tableReplaced(long tableId, long sequence) {
        TableVersions t = versionsOf(tableId);
        t.replacedAt = sequence;
        t.chains.clear();
        t.deletedKeys.clear();
        t.removedIndexEntries.clear();
    }

    /** Storage was replaced wholesale (a Raft snapshot installed): no older snapshot can be served. */
    void reset(long sequence) {
        resetSequence = sequence;
        tables.clear();
        history.clear();
        spill.clear();
        bytes = 0;
        versions = 0;
    }

    /** The node stops: spill files go (readers still holding a version keep its mapping). */
    void close() {
        spill.close();
    }

    private void add(Change c) {
        history.addLast(c);
        bytes += c.bytes();
        versions++;
    }

    /** Drops what no open snapshot needs and the window and budget do not keep; cheap when there is nothing to drop. */
    void prune(long nowMillis) {
        Change oldest = history.peekFirst();
        if (oldest == null || !outsideRetention(oldest, nowMillis)) return;
        long bound = snapshots.pruneBound();
        while ((oldest = history.peekFirst()) != null && oldest.sequence() <= bound && outsideRetention(oldest, nowMillis)) {
            history.removeFirst();
            drop(oldest);
            if (oldest.spilled() != null) spill.release(oldest.spilled());
            bytes -= oldest.bytes();
            versions--;
        }
    }

    private boolean outsideRetention(Change c, long nowMillis) {
        return c.appliedAtMillis() <= nowMillis - windowMillis || bytes > bytesMax;
    }

    private static void drop(Change c) {
        TableVersions t = c.table();
        switch (c.kind()) {
            case ROW -> cutChain(t, new TableKey(t.tableId, c.key()), c.sequence());
            case DELETED_KEY -> t.deletedKeys.remove(c.key(), c.sequence());
            case INDEX_ENTRY -> {
                ConcurrentSkipListMap<byte[], TableVersions.RemovedEntry> entries = t.removedEntries(c.indexId());
                if (entries != null) {
                    TableVersions.RemovedEntry removed = entries.get(c.key());
                    if (removed != null && removed.sequence() == c.sequence()) entries.remove(c.key(), removed);
                }
            }
        }
    }

    /** Cuts the chain below the versions newer than {@code bound}: every snapshot is at or above it. */
    private static void cutChain(TableVersions t, TableKey key, long bound) {
        RowVersion head = t.chains.get(key);
        if (head == null) return;
        if (head.sequence <= bound) {
            t.chains.remove(key, head);
            return;
        }
        RowVersion v = head;
        while (v.older != null && v.older.sequence > bound) v = v.older;
        v.older = null;
    }
}
