package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tableos.db.storage.KeyRange;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.txn.log.LogItem.TxnWrites;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictLogTest {
    private static final long TABLE = 7, OTHER = 8;

    private static TxnWrites write(long table, int key) {
        return new TxnWrites(List.of(new TableWrites(table, false, List.of(new byte[] {(byte) key}), List.of(new byte[] {1}))),
                List.of(), List.of());
    }

    private static ReadSet reads() {
        return new ReadSet(100);
    }

    @Test
    void pointReadConflictsOnlyWithALaterWriteOfThatKey() {
        ConflictLog log = new ConflictLog(100);
        log.recordWrites(write(TABLE, 5), 10);
        ReadSet r = reads();
        r.addKey(TABLE, new byte[] {5}, 10);
        assertNull(log.findConflict(r), "the write was seen by the read");
        r.addKey(TABLE, new byte[] {6}, 9);
        assertNull(log.findConflict(r), "another key");
        ReadSet stale = reads();
        stale.addKey(TABLE, new byte[] {5}, 9);
        assertNotNull(log.findConflict(stale));
        assertNotNull(log.writtenAfter(new TableKey(TABLE, new byte[] {5}), 9), "a row locker's snapshot predates the write");
        assertNull(log.writtenAfter(new TableKey(TABLE, new byte[] {5}), 10));
    }

    @Test
    void rangeReadConflictsWithAWriteInsideTheRangeAfterTheRead() {
        ConflictLog log = new ConflictLog(100);
        log.recordWrites(write(TABLE, 3), 11);
        log.recordWrites(write(OTHER, 20), 12);
        log.recordWrites(write(TABLE, 30), 13);
        ReadSet r = reads();
        r.addRange(TABLE, new KeyRange(new byte[] {10}, true, new byte[] {20}, true), 10);
        assertNull(log.findConflict(r), "writes outside the range or in another table");
        log.recordWrites(write(TABLE, 15), 14);
        assertNotNull(log.findConflict(r));
        ReadSet later = reads();
        later.addRange(TABLE, new KeyRange(new byte[] {10}, true, new byte[] {20}, true), 14);
        assertNull(log.findConflict(later), "read after the write");
    }

    @Test
    void wholeTableReadConflictsWithAnyLaterWriteToTheTable() {
        ConflictLog log = new ConflictLog(100);
        log.recordWrites(write(OTHER, 1), 5);
        ReadSet r = reads();
        r.addTable(TABLE, 4);
        assertNull(log.findConflict(r));
        log.recordWrites(write(TABLE, 99), 6);
        assertNotNull(log.findConflict(r));
    }

    @Test
    void evictedHistoryMakesOlderReadsConflict() {
        ConflictLog log = new ConflictLog(2);
        log.recordWrites(write(TABLE, 1), 1);
        log.recordWrites(write(TABLE, 2), 2);
        log.recordWrites(write(TABLE, 3), 3); // evicts key 1 at sequence 1
        ReadSet r = reads();
        r.addKey(TABLE, new byte[] {9}, 0);
        assertNotNull(log.findConflict(r), "cannot tell what happened before the horizon");
        ReadSet recent = reads();
        recent.addKey(TABLE, new byte[] {9}, 1);
        assertNull(log.findConflict(recent));
    }

    @Test
    void truncateConflictsWithEveryEarlierRead() {
        ConflictLog log = new ConflictLog(100);
        log.recordTableWrite(TABLE, 8);
        ReadSet r = reads();
        r.addKey(TABLE, new byte[] {1}, 7);
        assertNotNull(log.findConflict(r));
    }
}
