package io.tableos.db.txn;

import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.txn.log.LogItem.NotifyMessage;
import io.tableos.db.txn.log.LogItem.SequenceWrite;
import io.tableos.db.txn.log.LogItem.SequenceWriteKind;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction's buffered writes: per table a sorted map of primary key to new row (or
 * {@link #DELETED}), a truncation flag, sequence values and notifications; plus an undo
 * log for savepoints, kept only while a savepoint exists.
 *
 * <p>Its heap footprint is bounded by {@code bytesMax} (tableos.txn.maxbytes): every buffered
 * row counts its key, its row and {@link #ROW_OVERHEAD_BYTES} for what else it keeps on the heap,
 * and a row written again replaces its earlier count (unless a savepoint's undo log keeps the
 * earlier row alive). Past the bound the write fails with 54000, before anything is sequenced.
 */
final class WriteBuffer {
    /**
     * Heap a buffered row costs beyond its key and row bytes: its TreeMap entry and array headers
     * here, its row lock ({@link LockTable}: a {@link TableKey} in two hash maps), and at commit
     * its pending-layer entry and log item slots; on every replica its version (two history
     * records). Measured: a transaction holding 300,000 deleted rows of 4-byte keys took 223 bytes
     * a row of live heap before COMMIT. At 96 (the buffer entry alone) a 320 MiB node let one
     * transaction delete 800,000 small rows and its COMMIT ran out of heap on Ratis' threads: the
     * node stepped down and refused every write after ("not the leader") instead of 54000.
     */
    static final int ROW_OVERHEAD_BYTES = 384;

    /** Marks a deleted row; compared by identity. */
    static final byte[] DELETED = new byte[0];

    /** One table's buffered rows: a layer over the table's committed rows. */
    static final class TableBuffer implements RowLayer {
        final TableStore store;
        final TreeMap<byte[], byte[]> rows = new TreeMap<>(KeyOrder.COMPARATOR);
        boolean truncated;

        TableBuffer(TableStore store) {
            this.store = store;
        }

        @Override
        public boolean truncated() {
            return truncated;
        }

        @Override
        public NavigableMap<byte[], byte[]> rows() {
            return rows;
        }
    }

    private record Undo(long tableId, byte[] key, byte[] previous, TreeMap<byte[], byte[]> rowsBeforeTruncate,
                        boolean truncatedBefore) {}

    private final long bytesMax;
    private final long rowBytesMax;
    private final Map<Long, TableBuffer> tables = new LinkedHashMap<>();
    private final List<SequenceWrite> sequences = new ArrayList<>();
    private final Map<Long, Integer> lastSequenceWrite = new HashMap<>();
    private final List<NotifyMessage> notifications = new ArrayList<>();
    private final List<Undo> undo = new ArrayList<>();
    /** Savepoint id → (undo log size, notification count) when it was set. */
    private final TreeMap<Integer, int[]> savepoints = new TreeMap<>();
    private int nextSavepointId = 1;
    private long bytes;

    WriteBuffer(long bytesMax, long rowBytesMax) {
        this.bytesMax = bytesMax;
        this.rowBytesMax = rowBytesMax;
    }

    TableBuffer table(long tableId) {
        return tables.get(tableId);
    }

    boolean isEmpty() {
        return tables.isEmpty() && sequences.isEmpty() && notifications.isEmpty();
    }

    void put(TableStore store, byte[] key, byte[] row) {
        long tableId = store.def().id();
        TableBuffer t = tables.computeIfAbsent(tableId, id -> new TableBuffer(store));
        if ((long) key.length + row.length > rowBytesMax) {
            // A row travels whole in one log entry (a large transaction's chunks are cut between rows).
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "row of " + ((long) key.length + row.length) + " bytes exceeds the " + rowBytesMax
                            + " bytes one row may take (one replicated log entry)");
        }
        grow(key.length + row.length + ROW_OVERHEAD_BYTES);
        byte[] previous = t.rows.put(key, row);
        if (!savepoints.isEmpty()) undo.add(new Undo(tableId, key, previous, null, false));
        else if (previous != null) bytes -= key.length + previous.length + ROW_OVERHEAD_BYTES;
    }

    void truncate(TableStore store) {
        long tableId = store.def().id();
        TableBuffer t = tables.computeIfAbsent(tableId, id -> new TableBuffer(store));
        if (!savepoints.isEmpty()) undo.add(new Undo(tableId, null, null, new TreeMap<>(t.rows), t.truncated));
        t.rows.clear();
        t.truncated = true;
    }

    void sequence(long sequenceId, SequenceWriteKind kind, long value) {
        Integer last = lastSequenceWrite.get(sequenceId);
        SequenceWrite write = new SequenceWrite(sequenceId, kind, value);
        if (kind == SequenceWriteKind.ADVANCE && last != null && sequences.get(last).kind() == SequenceWriteKind.ADVANCE) {
            sequences.set(last, write);
            return;
        }
        grow(24);
        lastSequenceWrite.put(sequenceId, sequences.size());
        sequences.add(write);
    }

    void notify(int senderProcessId, String channel, String payload) {
        grow(channel.length() + payload.length() + 12L);
        notifications.add(new NotifyMessage(senderProcessId, channel, payload));
    }

    private void grow(long extra) {
        bytes += extra;
        if (bytes > bytesMax) {
            // The leader holds a transaction's writes in its heap until they are sequenced.
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "transaction write set exceeds " + bytesMax + " bytes of memory (tableos.txn.maxbytes)", null,
                    "Split the change into smaller transactions (e.g. by key range), load bulk data with COPY"
                            + " outside a transaction block, or raise tableos.txn.maxbytes with the node's heap.", 0, null);
        }
    }

    /** Heap the buffered writes are counted as (see the class comment). */
    long bytes() {
        return bytes;
    }

    int savepoint() {
        int id = nextSavepointId++;
        savepoints.put(id, new int[] {undo.size(), notifications.size()});
        return id;
    }

    void rollbackToSavepoint(int id) {
        int[] mark = savepoints.get(id);
        if (mark == null) throw new DbException("3B001", "savepoint does not exist");
        for (int i = undo.size() - 1; i >= mark[0]; i--) {
            Undo u = undo.remove(i);
            TableBuffer t = tables.get(u.tableId());
            if (u.rowsBeforeTruncate() != null) {
                t.rows.clear();
                t.rows.putAll(u.rowsBeforeTruncate());
                t.truncated = u.truncatedBefore();
            } else if (u.previous() == null) {
                t.rows.remove(u.key());
            } else {
                t.rows.put(u.key(), u.previous());
            }
        }
        while (notifications.size() > mark[1]) notifications.remove(notifications.size() - 1);
        savepoints.tailMap(id, false).clear();
    }

    void releaseSavepoint(int id) {
        if (!savepoints.containsKey(id)) throw new DbException("3B001", "savepoint does not exist");
        savepoints.tailMap(id, true).clear();
        if (savepoints.isEmpty()) undo.clear();
    }

    /** The log form of these writes. */
    LogItem.TxnWrites toLogItem() {
        List<LogItem.TableWrites> result = new ArrayList<>(tables.size());
        for (Map.Entry<Long, TableBuffer> e : tables.entrySet()) {
            TableBuffer t = e.getValue();
            if (t.rows.isEmpty() && !t.truncated) continue;
            List<byte[]> keys = new ArrayList<>(t.rows.size());
            List<byte[]> rows = new ArrayList<>(t.rows.size());
            for (Map.Entry<byte[], byte[]> r : t.rows.entrySet()) {
                keys.add(r.getKey());
                rows.add(r.getValue() == DELETED ? null : r.getValue());
            }
            result.add(new LogItem.TableWrites(e.getKey(), t.truncated, keys, rows));
        }
        return new LogItem.TxnWrites(result, List.copyOf(sequences), List.copyOf(notifications));
    }

    void clear() {
        tables.clear();
        sequences.clear();
        lastSequenceWrite.clear();
        notifications.clear();
        undo.clear();
        savepoints.clear();
        bytes = 0;
    }
}
