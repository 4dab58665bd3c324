package io.tableos.db.txn;

import io.tableos.db.storage.KeyRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transaction read, each with the commit sequence it observed (the last applied
 * sequence before the read). Point reads and primary-key ranges are kept precisely until
 * {@code precise entries > limit}; then everything escalates to table granularity, which
 * can only add conflicts, never hide one.
 */
final class ReadSet {
    record RangeRead(long tableId, KeyRange range, long observedSequence) {}

    private final int preciseEntriesMax;
    final Map<TableKey, Long> keys = new HashMap<>();
    final List<RangeRead> ranges = new ArrayList<>();
    /** Table id → oldest observed sequence of a read covering the whole table. */
    final Map<Long, Long> tables = new HashMap<>();
    /**
     * Table id → the sequence observed when this transaction first buffered a row of it. The
     * rows are encoded in the table's layout of then, so DDL on the table sequenced after it
     * conflicts (the rows would be read under another definition).
     */
    final Map<Long, Long> layouts = new HashMap<>();

    ReadSet(int preciseEntriesMax) {
        this.preciseEntriesMax = preciseEntriesMax;
    }



    void addKey(long tableId, byte[] primaryKey, long observedSequence) {
        Long whole = tables.get(tableId);
        if (whole != null) {
            if (observedSequence < whole) tables.put(tableId, observedSequence);
            return;
        }
        keys.merge(new TableKey(tableId, primaryKey), observedSequence, Math::min);
        escalateIfLarge();
    }

    void addRange(long tableId, KeyRange range, long observedSequence) {
        if (range.low() == null && range.high() == null) {
            addTable(tableId, observedSequence);
            return;
        }
        Long whole = tables.get(tableId);
        if (whole != null) {
            if (observedSequence < whole) tables.put(tableId, observedSequence);
            return;
        }
        ranges.add(new RangeRead(tableId, range, observedSequence));
        escalateIfLarge();
    }

    void addTable(long tableId, long observedSequence) {
        tables.merge(tableId, observedSequence, Math::min);
    }

    private void escalateIfLarge() {
        if (keys.size() + ranges.size() <= preciseEntriesMax) return;
        for (Map.Entry<TableKey, Long> e : keys.entrySet()) addTable(e.getKey().objectId, e.getValue());
        for (RangeRead r : ranges) addTable(r.tableId(), r.observedSequence());
        keys.clear();
        ranges.clear();
    }

    void clear() {
        keys.clear();
        ranges.clear();
        tables.clear();
    }
}
