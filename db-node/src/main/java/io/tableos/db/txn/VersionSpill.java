package io.tableos.db.txn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large rows of replaced versions, kept in files instead of the heap: a commit that deletes or
 * rewrites a gigabyte of large rows must not need a gigabyte of heap on every replica while
 * snapshots may still read the old rows (a node with a 320 MiB heap died of it at apply).
 *
 * <p>A row of {@link #ROW_BYTES_MIN} or more (the size storage keeps out of line), or of any size
 * once the version store's heap budget is reached, is appended to the current segment file; the
 * version holds a {@link Spilled} reference. Segments are
 * {@link #SEGMENT_BYTES} (or one row, if larger), filled in apply order, and deleted once every
 * version in them is dropped (versions go roughly in the same order, so segments drain oldest
 * first). Nothing here is durable: versions do not survive a restart, so the directory is
 * emptied at start.
 *
 * <p>Threads: the apply thread alone appends and releases; any session reads. Reads go through a
 * read-only mapping of the segment, taken at creation: absolute reads are thread-safe and, unlike
 * a {@link FileChannel}'s, cannot be interrupted (an interrupt closes a channel for every user).
 * A mapping is never unmapped explicitly: a reader still holding a reference to a dropped version
 * keeps its mapping valid, and the deleted file's space returns when the mapping is collected.
 * Writes go through the channel ({@code write}), so a full disk is an {@link IOException}, which
 * {@link #spill} answers with null: the caller keeps that row on the heap instead.
 */
final class VersionSpill implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionSpill.class);

    /** Rows from this size go to a segment; smaller ones cost less on the heap than a reference. */
    static final int ROW_BYTES_MIN = 32 << 10;
    /** Size of one segment file (sparse until written). */
    static final int SEGMENT_BYTES = 64 << 20;

    /** A spilled row: where it lies. Reading it needs no lock. */
    record Spilled(Segment segment, int offset, int length) {
        byte[] read() {
            byte[] row = new byte[length];
            segment.mapping.get(offset, row);
            return row;
        }
    }

    /** One segment file: its read-only mapping, the bytes appended and the versions still using it. */
    static final class Segment {
        private final Path file;
        private final FileChannel channel;
        private final MappedByteBuffer mapping;
        private final int capacity;
        private int used;
        private int live;

        private Segment(Path file, int capacity) throws IOException {
            this.file = file;
            this.capacity = capacity;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel.write(ByteBuffer.allocate(1), capacity - 1); // sized, sparse: a read-only mapping cannot grow it
            this.mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, capacity);
        }
    }

    private final Path dir;
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private long nextSegmentId;
    private volatile long bytes;
    private boolean failureReported;

    /** Empties {@code dir}: versions of a previous run are gone with its snapshots. */
    VersionSpill(Path dir) {
        this.dir = ScratchDirectory.prepare(dir);
    }

    /** Bytes of rows held in segments (dropped ones excluded). */
    long bytes() {
        return bytes;
    }

    /** Segment files on disk (for tests). */
    int segmentCount() {
        return segments.size();
    }

    /** Apply thread: writes {@code row} to a segment; null when it could not (then keep it on the heap). */
    Spilled spill(byte[] row) {
        try {
            Segment segment = segments.peekLast();
            if (segment == null || segment.capacity - segment.used < row.length) {
                segment = new Segment(dir.resolve("versions-" + (nextSegmentId++)), Math.max(SEGMENT_BYTES, row.length));
                segments.addLast(segment);
            }
            ByteBuffer source = ByteBuffer.wrap(row);
            while (source.hasRemaining()) segment.channel.write(source, segment.used + source.position());
            Spilled spilled = new Spilled(segment, segment.used, row.length);
            segment.used += row.length;
            segment.live++;
            bytes += row.length;
            return spilled;
        } catch (IOException e) {
            if (!failureReported) {
                failureReported = true;
                LOG.warn("cannot spill replaced row versions to {}; keeping them on the heap", dir, e);
            }
            return null;
        }
    }

    /** Apply thread: the version holding {@code spilled} is dropped; a segment nobody uses goes. */
    void release(Spilled spilled) {
        Segment segment = spilled.segment();
        segment.live--;
        bytes -= spilled.length();
        while (!segments.isEmpty() && segments.peekFirst().live == 0
                && (segments.size() > 1 || segments.peekFirst().used == segments.peekFirst().capacity)) {
            delete(segments.removeFirst());
        }
    }

    /** Apply thread: every version is gone (state reloaded). */
    void clear() {
        while (!segments.isEmpty()) delete(segments.removeFirst());
        bytes = 0;
    }

    @Override
    public void close() {
        clear();
    }

    private static void delete(Segment segment) {
        try {
            segment.channel.close();
            Files.deleteIfExists(segment.file);
        } catch (IOException e) {
            // Only disk space is at stake (the mapping stays valid for late readers).
            LOG.warn("cannot remove {}", segment.file, e);
        }
    }
}
