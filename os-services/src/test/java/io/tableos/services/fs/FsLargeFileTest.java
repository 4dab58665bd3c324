package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.services.fs.client.FsClient;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file larger than the node's heap: writing it, cutting it short and removing it each hold
 * a bounded part of it at a time (writes and reads by {@link Limits}; a shrink or a removal
 * deletes at most {@link Limits#DELETE_BYTES_PER_CALL} per call: the client repeats truncate,
 * refuses to inside a transaction block, and calls fs.reclaim for what unlink left), so a node with a {@value #HEAP} heap serves a
 * {@value #FILE_MIB} MiB file. (One DELETE of all its blocks made the node read them all into
 * its heap: "Java heap space"; one transaction of many bounded DELETEs made every replica hold
 * them all as it applied the commit, and the node died.)
 */
class FsLargeFileTest {
    static final String HEAP = "320m";
    static final int FILE_MIB = 384;

    /**
     * Several large unlinks in one atomically block: each call deletes one bound's worth, and
     * together they delete more than the heap in one transaction. That commit killed the node
     * at apply (every replica kept the deleted blocks on its heap for older snapshots); the old
     * blocks now go to the version store's files, so it commits.
     */
    @Test
    void manyLargeUnlinksInOneBlockDeleteMoreThanTheHeapInOneCommit() throws Exception {
        int files = (FILE_MIB << 20) / Limits.DELETE_BYTES_PER_CALL; // each removed whole by its unlink
        try (FsNode node = FsNode.start(HEAP); FsClient fs = node.client()) {
            byte[] piece = new byte[Limits.WRITE_BYTES_MAX];
            for (int f = 0; f < files; f++) {
                long ino = fs.create("/f" + f, 0644, true);
                for (long offset = 0; offset < Limits.DELETE_BYTES_PER_CALL; offset += piece.length) fs.pwrite(ino, offset, piece);
            }
            fs.atomically(t -> {
                for (int f = 0; f < files; f++) t.unlink("/f" + f);
                return null;
            });
            assertEquals(Errno.ENOENT, FsSemanticsTest.errno(() -> fs.stat("/f0", true)));
            node.assertAccountingMatches();
            try (var c = node.connect(); var s = c.createStatement();
                 var r = s.executeQuery("SELECT (SELECT count(*) FROM fs.blocks), (SELECT count(*) FROM fs.reclaim)")) {
                r.next();
                assertEquals(List.of(0L, 0L), List.of(r.getLong(1), r.getLong(2)), "blocks and reclaim rows left behind");
            }
        }
    }

    @Test
    void aFileLargerThanTheHeapIsWrittenTruncatedAndRemoved() throws Exception {
        try (FsNode node = FsNode.start(HEAP); FsClient fs = node.client()) {
            long ino = fs.create("/big", 0644, true);
            byte[] piece = new byte[Limits.WRITE_BYTES_MAX];
            for (int i = 0; i < piece.length; i++) piece[i] = (byte) (i * 31 + 7);
            long size = (long) FILE_MIB << 20;
            for (long offset = 0; offset < size; offset += piece.length) fs.pwrite(ino, offset, piece);
            assertEquals(size, fs.stat("/big", true).size());

            long kept = (1 << 20) + 100;
            assertEquals(Errno.EFBIG, FsSemanticsTest.errno(() -> fs.atomically(t -> {
                t.truncate("/big", kept);  // in one transaction: refused, not repeated
                return null;
            })));
            assertEquals(size, fs.stat("/big", true).size(), "the refused block rolled back");

            fs.truncate("/big", kept);
            assertEquals(kept, fs.stat("/big", true).size());
            assertArrayEquals(Arrays.copyOfRange(piece, (1 << 20) - 50, (1 << 20) + 100), fs.pread(ino, (1 << 20) - 50, 1000));

            fs.pwrite(ino, size - piece.length, piece);  // grows it again, over a hole
            fs.unlink("/big");
            node.assertAccountingMatches();
            try (var c = node.connect(); var s = c.createStatement();
                 var r = s.executeQuery("SELECT (SELECT count(*) FROM fs.blocks), (SELECT count(*) FROM fs.reclaim)")) {
                r.next();
                assertEquals(List.of(0L, 0L), List.of(r.getLong(1), r.getLong(2)), "blocks and reclaim rows left behind");
            }
        }
    }
}
