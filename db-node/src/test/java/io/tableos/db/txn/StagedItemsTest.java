package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.txn.log.LogEntry;
import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.txn.log.LogItem.TableWrites;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of a staged transaction without a node: the three staged item kinds survive the
 * log codec; the chunk cutter keeps every row once, in order, with a table's truncation on its
 * first part and chunks near the asked size; {@link StagedWrites} hands a stage's chunks back
 * in order from its file, refuses a commit with the wrong chunk count, and drops stages on
 * discard, on a later term and at start (its directory emptied), keeping no file behind.
 */
class StagedItemsTest {
    @TempDir
    Path dir;

    @Test
    void stagedItemsRoundTrip() {
        TableWrites rows = new TableWrites(7, true, List.of(new byte[] {1}, new byte[] {2}), Arrays.asList(new byte[] {3}, null));
        LogItem.TxnWrites tail = new LogItem.TxnWrites(List.of(),
                List.of(new LogItem.SequenceWrite(9, LogItem.SequenceWriteKind.ADVANCE, 5)), List.of());
        LogEntry entry = new LogEntry(-3, 4, 5, List.of(new LogItem.StageChunk(11, List.of(rows)),
                new LogItem.StageDiscard(12), new LogItem.StagedCommit(13, 2, tail)));
        LogEntry back = LogEntryCodec.decode(ByteBuffer.wrap(LogEntryCodec.encode(entry)));
        LogItem.StageChunk chunk = (LogItem.StageChunk) back.items().get(0);
        assertEquals(11, chunk.stageId());
        assertTrue(chunk.tables().get(0).truncate());
        assertArrayEquals(new byte[] {3}, chunk.tables().get(0).rows().get(0));
        assertNull(chunk.tables().get(0).rows().get(1));
        assertEquals(new LogItem.StageDiscard(12), back.items().get(1));
        LogItem.StagedCommit commit = (LogItem.StagedCommit) back.items().get(2);
        assertEquals(13, commit.stageId());
        assertEquals(2, commit.chunkCount());
        assertEquals(tail.sequences(), commit.tail().sequences());
    }

    @Test
    void cutKeepsEveryRowInOrderWithTruncationFirst() {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(new byte[] {(byte) (i >> 8), (byte) i});
            values.add(i % 7 == 0 ? null : new byte[88]);
        }
        List<TableWrites> tables = List.of(new TableWrites(1, false, keys.subList(0, 10), values.subList(0, 10)),
                new TableWrites(2, true, keys.subList(10, 1000), values.subList(10, 1000)));
        List<List<TableWrites>> chunks = StagedShipment.cut(tables, 10_000);
        assertTrue(chunks.size() >= 8 && chunks.size() <= 10, "about 90 KB in 10 KB chunks: " + chunks.size());
        int next = 0;
        boolean truncationSeen = false;
        for (List<TableWrites> chunk : chunks) {
            for (TableWrites t : chunk) {
                if (t.truncate()) {
                    assertFalse(truncationSeen, "table 2 truncated once");
                    assertEquals(2, t.tableId());
                    assertEquals(10, next, "on its first part");
                    truncationSeen = true;
                }
                for (int i = 0; i < t.keys().size(); i++, next++) {
                    assertEquals(next < 10 ? 1 : 2, t.tableId());
                    assertArrayEquals(keys.get(next), t.keys().get(i));
                    assertEquals(values.get(next), t.rows().get(i));
                }
            }
        }
        assertEquals(1000, next);
        assertTrue(truncationSeen);
    }

    @Test
    void stagesInstallInOrderOrGo() throws Exception {
        Path staged = dir.resolve("staged");
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("stage-left-by-a-crash"), "x");
        try (StagedWrites stages = new StagedWrites(staged)) {
            assertEquals(0, fileCount(staged), "emptied at start");
            stages.add(3, 100, 1, chunkEntry(100, 1, 1));
            stages.add(3, 100, 1, chunkEntry(100, 1, 2));
            stages.add(3, 100, 2, chunkEntry(100, 2, 3));
            stages.add(3, 200, 1, chunkEntry(200, 1, 4));
            assertTrue(stages.pending());
            assertEquals(3, fileCount(staged));

            List<Integer> installed = new ArrayList<>();
            assertTrue(stages.install(100, 1, 2, c -> installed.add((int) c.tables().get(0).tableId())));
            assertEquals(List.of(1, 2), installed);
            assertFalse(stages.install(100, 2, 5, c -> installed.add(-1)), "wrong chunk count");
            assertFalse(stages.install(100, 2, 1, c -> installed.add(-1)), "gone with the failed install");
            assertEquals(List.of(1, 2), installed);

            stages.add(4, 200, 2, chunkEntry(200, 2, 5));
            stages.endTermsBefore(4);
            assertFalse(stages.install(200, 1, 1, c -> installed.add(-1)), "a stage of term 3 ends in term 4");
            assertTrue(stages.pending());
            stages.discard(200, 2);
            assertFalse(stages.pending());
            assertEquals(0, fileCount(staged));
        }
    }

    private static ByteBuffer chunkEntry(long origin, long stageId, long tableId) {
        TableWrites rows = new TableWrites(tableId, false, List.of(new byte[] {1}), Arrays.asList(new byte[] {2}));
        return ByteBuffer.wrap(LogEntryCodec.encode(new LogEntry(origin, 0, 0, List.of(new LogItem.StageChunk(stageId, List.of(rows))))));
    }

    private static long fileCount(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
