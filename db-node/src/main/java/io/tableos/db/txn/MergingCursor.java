package io.tableos.db.txn;

import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyValueCursor;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Merges a cursor over older rows with a sorted layer of newer ones, both in the same
 * direction. Where both hold an entry that compares equal the newer wins; a newer
 * {@link WriteBuffer#DELETED} hides the older entry and is itself not returned. Entries
 * of the older cursor may also be hidden by {@code hideOlder} (index scans use it to drop
 * entries of rows the newer layer rewrote).
 */
final class MergingCursor implements KeyValueCursor {
    private final KeyValueCursor older;
    private final Iterator<Map.Entry<byte[], byte[]>> newer;
    private final boolean descending;
    private final boolean compareValues;
    private final BiPredicate<byte[], byte[]> hideOlder;

    private byte[] olderKey, olderValue, newerKey, newerValue;
    private boolean olderDone, newerDone;
    private byte[] key, value;

    /**
     * @param compareValues  order ties on key by value (index scans: key is the index key, value the primary key)
     * @param hideOlder      (key, value) of an older entry → true to skip it; may be null
     */
    MergingCursor(KeyValueCursor older, Iterator<Map.Entry<byte[], byte[]>> newer, boolean descending,
                  boolean compareValues, BiPredicate<byte[], byte[]> hideOlder) {
        this.older = older;
        this.newer = newer;
        this.descending = descending;
        this.compareValues = compareValues;
        this.hideOlder = hideOlder;
        advanceOlder();
        advanceNewer();
    }

    private void advanceOlder() {
        while (older.next()) {
            if (hideOlder == null || !hideOlder.test(older.key(), older.value())) {
                olderKey = older.key();
                olderValue = older.value();
                return;
            }
        }
        olderDone = true;
        olderKey = olderValue = null;
    }

    private void advanceNewer() {
        if (newer.hasNext()) {
            Map.Entry<byte[], byte[]> e = newer.next();
            newerKey = e.getKey();
            newerValue = e.getValue();
        } else {
            newerDone = true;
            newerKey = newerValue = null;
        }
    }

    private int compare() {
        int c = KeyOrder.compare(olderKey, newerKey);
        if (c == 0 && compareValues) c = KeyOrder.compare(olderValue, newerValue);
        return descending ? -c : c;
    }

    @Override
    public boolean next() {
        while (true) {
            if (olderDone && newerDone) {
                key = value = null;
                return false;
            }
            int c = olderDone ? 1 : newerDone ? -1 : compare();
            if (c < 0) {
                key = olderKey;
                value = olderValue;
                advanceOlder();
                return true;
            }
            byte[] k = newerKey;
            byte[] v = newerValue;
            if (c == 0) advanceOlder();
            advanceNewer();
            if (v == WriteBuffer.DELETED) continue;
            key = k;
            value = v;
            return true;
        }
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public void close() {
        older.close();
    }

    /** A cursor over nothing. */
    static final KeyValueCursor EMPTY = new KeyValueCursor() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public byte[] key() {
            return null;
        }

        @Override
        public byte[] value() {
            return null;
        }
    };
}
