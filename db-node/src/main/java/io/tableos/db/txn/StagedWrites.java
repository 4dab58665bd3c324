package io.tableos.db.txn;

import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Staged chunks of large transactions on this replica, between their chunk entries and their
 * commit (or discard): apply-thread state, identical on every replica because it follows the log.
 *
 * <p>A stage is named by its origin (the leader's nonce) and the origin's stage id. Its chunks
 * are appended, as the entries' own bytes with a length before each, to one file under the data
 * directory ({@code raft/staged/}), so a staged transaction costs this replica a file handle and
 * a few counters of heap, whatever its size. Nothing here is made durable: the log is, and a
 * restart replays the chunk entries after the latest snapshot (the directory is emptied at
 * start), while no snapshot is taken while a stage is pending ({@link #pending()}).
 *
 * <p>A stage ends when its commit installs it, when its origin discards it, or when an entry of
 * a later Raft term is applied: the leader that staged it can then never commit it (its
 * sequencer refuses a staged commit whose stage was shipped in another term), so its chunks go.
 */
final class StagedWrites implements AutoCloseable {
    private record Name(long origin, long stageId) {}

    /** One stage: its file, open for appending, and what it holds. */
    private static final class Stage {
        final long term;
        final Path file;
        final FileChannel channel;
        int chunks;
        long bytes;

        Stage(long term, Path file) throws IOException {
            this.term = term;
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        }
    }

    private final Path dir;
    private final Map<Name, Stage> stages = new HashMap<>();
    /** Read by the snapshot trigger; written on the apply thread. */
    private volatile int pendingCount;
    private long nextFileId;

    /** Empties {@code dir}: what a previous run staged is replayed from the log. */
    StagedWrites(Path dir) {
        this.dir = ScratchDirectory.prepare(dir);
    }

    /** True while some stage holds chunks no commit or discard has ended. */
    boolean pending() {
        return pendingCount > 0;
    }

    /** Keeps one chunk entry (its bytes, as the log holds them). */
    void add(long term, long origin, long stageId, ByteBuffer entry) {
        try {
            Stage stage = stages.get(new Name(origin, stageId));
            if (stage == null) {
                stage = new Stage(term, dir.resolve("stage-" + (nextFileId++)));
                stages.put(new Name(origin, stageId), stage);
                pendingCount = stages.size();
            }
            ByteBuffer length = ByteBuffer.allocate(Integer.BYTES).putInt(0, entry.remaining());
            stage.channel.write(new ByteBuffer[] {length, entry.duplicate()});
            stage.chunks++;
            stage.bytes += entry.remaining();
        } catch (IOException e) {
            // This replica's disk, not the client's input: the node must stop (apply failure).
            throw new UncheckedIOException("cannot stage chunk of " + stageId, e);
        }
    }

    /**
     * Ends a stage, handing its chunks to {@code install} one at a time, in order (so only one
     * is on the heap); false, with nothing handed over, when there is no stage of exactly
     * {@code chunkCount} chunks (the stage, if any, is gone too).
     */
    boolean install(long origin, long stageId, int chunkCount, Consumer<LogItem.StageChunk> install) {
        Stage stage = stages.remove(new Name(origin, stageId));
        pendingCount = stages.size();
        if (stage == null) return false;
        try {
            if (stage.chunks != chunkCount) return false;
            readChunks(stage, install);
            return true;
        } finally {
            delete(stage);
        }
    }

    /** Chunk count and staged bytes of a stage (0, 0 when there is none); for tests and metrics. */
    long[] size(long origin, long stageId) {
        Stage stage = stages.get(new Name(origin, stageId));
        return stage == null ? new long[2] : new long[] {stage.chunks, stage.bytes};
    }

    void discard(long origin, long stageId) {
        Stage stage = stages.remove(new Name(origin, stageId));
        pendingCount = stages.size();
        if (stage != null) delete(stage);
    }

    /** An entry of {@code term} is applied: stages shipped in earlier terms can never commit. */
    void endTermsBefore(long term) {
        if (stages.isEmpty()) return;
        for (Iterator<Stage> it = stages.values().iterator(); it.hasNext(); ) {
            Stage stage = it.next();
            if (stage.term < term) {
                it.remove();
                delete(stage);
            }
        }
        pendingCount = stages.size();
    }

    /** State was replaced (snapshot installed): no stage can be pending at a snapshot's index. */
    void clear() {
        for (Stage stage : stages.values()) delete(stage);
        stages.clear();
        pendingCount = 0;
    }

    @Override
    public void close() {
        clear();
    }

    private static void readChunks(Stage stage, Consumer<LogItem.StageChunk> install) {
        try {
            FileChannel channel = stage.channel;
            long position = 0;
            ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
            for (int i = 0; i < stage.chunks; i++) {
                length.clear();
                readFully(channel, length, position);
                ByteBuffer entry = ByteBuffer.allocate(length.getInt(0));
                readFully(channel, entry, position + Integer.BYTES);
                position += Integer.BYTES + entry.capacity();
                // The entry's CRC is checked again: a damaged file stops the node rather than diverge.
                install.accept((LogItem.StageChunk) LogEntryCodec.decode(entry.flip()).items().get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read staged chunks from " + stage.file, e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) throw new IOException("staged file ends early");
        }
    }

    private static void delete(Stage stage) {
        try {
            stage.channel.close();
            Files.deleteIfExists(stage.file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove staged file " + stage.file, e);
        }
    }
}
