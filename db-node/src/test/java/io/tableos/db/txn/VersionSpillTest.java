package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VersionSpill} on its own: rows read back byte for byte across segments (one larger
 * than a segment gets its own), a segment file goes once every row in it is released (the
 * current one stays), readers holding a released row still read it, and a new spill empties
 * what an earlier run left. Contents from a fixed seed.
 */
class VersionSpillTest {
    @TempDir
    Path dir;

    @Test
    void rowsReadBackAndSegmentsGoWhenReleased() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("versions-99"), "left by an earlier run");
        VersionSpill spill = new VersionSpill(dir);
        assertEquals(0, files(), "emptied at start");
        Random random = new Random(11);
        List<byte[]> rows = new ArrayList<>();
        List<VersionSpill.Spilled> spilled = new ArrayList<>();
        int[] sizes = {VersionSpill.ROW_BYTES_MIN, 40 << 20, 30 << 20, VersionSpill.SEGMENT_BYTES + 5, 1 << 20};
        for (int size : sizes) {
            byte[] row = new byte[size];
            random.nextBytes(row);
            rows.add(row);
            spilled.add(spill.spill(row));
        }
        // 32 KiB + 40 MiB share one segment, 30 MiB opens a second, the oversized row a third, 1 MiB a fourth.
        assertEquals(4, spill.segmentCount());
        for (int i = 0; i < rows.size(); i++) assertArrayEquals(rows.get(i), spilled.get(i).read(), "row " + i);
        long total = 0;
        for (int size : sizes) total += size;
        assertEquals(total, spill.bytes());

        spill.release(spilled.get(1));
        assertEquals(4, spill.segmentCount(), "the first segment still holds the 32 KiB row");
        spill.release(spilled.get(0));
        spill.release(spilled.get(2));
        assertEquals(2, spill.segmentCount(), "the first two went");
        assertArrayEquals(rows.get(0), spilled.get(0).read(), "a reader holding a released row still reads it");
        spill.release(spilled.get(3));
        spill.release(spilled.get(4));
        assertEquals(1, spill.segmentCount(), "the current segment stays for the next rows");
        assertEquals(0, spill.bytes());
        assertEquals(1, files());

        spill.clear();
        assertEquals(0, files());
    }

    private long files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
