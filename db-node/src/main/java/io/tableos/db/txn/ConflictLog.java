package io.tableos.db.txn;

import io.tableos.db.storage.KeyRange;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.txn.log.LogItem.TxnWrites;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The recent committed writes, by key, with the commit sequence that wrote them: what
 * validation checks a read set against. On the leader writes are recorded when sequenced
 * (before they are applied); on other replicas when applied.
 *
 * <p>Two views of one history: a table from key fingerprint to its last write ({@link LastWrites})
 * answers point reads in O(1), and the FIFO of writes in sequence order answers range and whole-table reads by
 * walking back from the newest write until the read's observed sequence — only writes made
 * while the reader was running are visited, a few dozen for a short transaction. (An ordered
 * map of all recent keys cost a fifth of the commit path's CPU under pgbench TPC-B.)
 *
 * <p>Bounded: at most {@code keysMax} key records; evicting one raises its table's
 * horizon, and a read observed before a horizon conflicts (we can no longer tell).
 * Table-wide writes (TRUNCATE, DDL) are kept per table and never evicted.
 */
final class ConflictLog {
    private static final class TableHistory {
        long tableWriteSequence;
        /** Highest sequence of DDL that changed the table's row layout (see ReadSet.layouts). */
        long layoutSequence;
        long horizon;
        /** Highest sequence of a key write: a read observed at or after it cannot conflict there. */
        long newestKeyWrite;
    }

    private record Written(TableKey key, long sequence) {}

    private final int keysMax;
    private final Map<Long, TableHistory> tables = new HashMap<>();
    private final LastWrites lastWrite;
    /** Key writes in ascending sequence order (sequences are recorded in order). */
    private final ArrayDeque<Written> history = new ArrayDeque<>();
    private long globalHorizon;

    ConflictLog(int keysMax) {
        if (keysMax < 1) throw new IllegalArgumentException("keysMax < 1");
        this.keysMax = keysMax;
        this.lastWrite = new LastWrites(keysMax + 1);
    }

    synchronized void recordWrites(TxnWrites writes, long sequence) {
        // After a leader change a replica may apply lower sequences than its own sequencer
        // recorded (reportDrift raises the global horizon then). Recording such a write at the
        // newest sequence keeps the FIFO ordered and can only add conflicts, never hide one.
        if (!history.isEmpty()) sequence = Math.max(sequence, history.peekLast().sequence());
        for (TableWrites t : writes.tables()) {
            TableHistory table = tables.computeIfAbsent(t.tableId(), id -> new TableHistory());
            if (t.truncate()) table.tableWriteSequence = Math.max(table.tableWriteSequence, sequence);
            if (!t.keys().isEmpty()) table.newestKeyWrite = Math.max(table.newestKeyWrite, sequence);
            for (byte[] key : t.keys()) {
                TableKey tableKey = new TableKey(t.tableId(), key);
                lastWrite.put(tableKey.fingerprint, sequence);
                history.addLast(new Written(tableKey, sequence));
                if (history.size() > keysMax) evictOldest();
            }
        }
    }

    synchronized void recordTableWrite(long tableId, long sequence) {
        TableHistory table = tables.computeIfAbsent(tableId, id -> new TableHistory());
        table.tableWriteSequence = Math.max(table.tableWriteSequence, sequence);
    }

    synchronized void recordLayoutChange(long tableId, long sequence) {
        TableHistory table = tables.computeIfAbsent(tableId, id -> new TableHistory());
        table.layoutSequence = Math.max(table.layoutSequence, sequence);
    }

    /** After state was replaced wholesale: every read observed before {@code sequence} conflicts. */
    synchronized void raiseGlobalHorizon(long sequence) {
        globalHorizon = Math.max(globalHorizon, sequence);
    }

    private void evictOldest() {
        Written w = history.removeFirst();
        lastWrite.removeIf(w.key().fingerprint, w.sequence());
        TableHistory table = tables.get(w.key().objectId);
        table.horizon = Math.max(table.horizon, w.sequence());
    }

    /** The first conflict of {@code reads}, described for the error detail, or null. */
    synchronized String findConflict(ReadSet reads) {
        for (Map.Entry<TableKey, Long> e : reads.keys.entrySet()) {
            String conflict = keyConflict(e.getKey(), e.getValue());
            if (conflict != null) return conflict;
        }
        for (ReadSet.RangeRead r : reads.ranges) {
            String conflict = rangeConflict(r.tableId(), r.range(), r.observedSequence());
            if (conflict != null) return conflict;
        }
        for (Map.Entry<Long, Long> e : reads.tables.entrySet()) {
            String conflict = rangeConflict(e.getKey(), KeyRange.ALL, e.getValue());
            if (conflict != null) return conflict;
        }
        for (Map.Entry<Long, Long> e : reads.layouts.entrySet()) {
            if (e.getValue() < globalHorizon) return "state reloaded since the transaction wrote";
            TableHistory table = tables.get(e.getKey());
            if (table != null && table.layoutSequence > e.getValue()) {
                return "table " + e.getKey() + " was altered after this transaction wrote to it";
            }
        }
        return null;
    }

    /**
     * Why the row {@code key} (a table's primary key) may have been written by a commit
     * sequenced after {@code snapshot}, or null when it was not. Conservative where the history
     * no longer tells (evicted keys, table-wide writes).
     */
    synchronized String writtenAfter(TableKey key, long snapshot) {
        return keyConflict(key, snapshot);
    }

    /**
     * Why this very key was written after {@code sequence}, or null: unlike {@link #writtenAfter},
     * table-wide writes (DDL, TRUNCATE) do not count; a key whose record was evicted since does.
     */
    synchronized String keyWrittenAfter(TableKey key, long sequence) {
        long written = lastWrite.get(key.fingerprint);
        if (written != LastWrites.NONE) return written > sequence ? "row of table " + key.objectId + " was changed" : null;
        TableHistory table = tables.get(key.objectId);
        return table != null && table.horizon > sequence ? "the row's history is older than the conflict log" : null;
    }

    private String keyConflict(TableKey key, long observed) {
        String conflict = tableConflict(key.objectId, observed);
        if (conflict != null) return conflict;
        return lastWrite.get(key.fingerprint) > observed ? "row of table " + key.objectId + " was changed" : null;
    }

    /** A conflict that a read of table {@code tableId} observed at {@code observed} has whatever its keys. */
    private String tableConflict(long tableId, long observed) {
        if (observed < globalHorizon) return "state reloaded since the read";
        TableHistory table = tables.get(tableId);
        if (table == null) return null;
        if (table.tableWriteSequence > observed) return "table " + tableId + " was truncated or altered";
        if (table.horizon > observed) return "read is older than the conflict history";
        return null;
    }

    private String rangeConflict(long tableId, KeyRange range, long observed) {
        String conflict = tableConflict(tableId, observed);
        if (conflict != null) return conflict;
        TableHistory table = tables.get(tableId);
        if (table == null || table.newestKeyWrite <= observed) return null;
        for (Iterator<Written> newestFirst = history.descendingIterator(); newestFirst.hasNext(); ) {
            Written w = newestFirst.next();
            if (w.sequence() <= observed) break;
            TableKey key = w.key();
            if (key.objectId == tableId && range.contains(key.key)) {
                return "a row in a range of table " + tableId + " read by this transaction was changed";
            }
        }
        return null;
    }
}
