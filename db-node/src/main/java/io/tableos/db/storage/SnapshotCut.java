package io.tableos.db.storage;

import java.io.IOException;

/**
 * The state of a {@link Storage} captured at one instant (between two applied log entries)
 * by {@link Storage#beginSnapshot}, to be written to its file later, from any thread, while
 * the apply thread keeps changing the live state.
 *
 * <p>Lifecycle: begin (apply thread), {@link #write()} at most once (any thread),
 * {@link #close()} exactly once (any thread, also after a failed or no write). Until the cut
 * is closed, storage keeps what the cut needs (before-images of changed rows) and DDL and
 * TRUNCATE wait for it (see {@link ChronicleStorage}).
 */
public interface SnapshotCut extends AutoCloseable {

    /**
     * Writes the captured state to the cut's file: a temporary file beside it, fsync, atomic
     * rename, directory fsync. Returns the file's size in bytes. Fails with an IOException
     * (leaving no file under the target name) when the cut was closed meanwhile.
     */
    long write() throws IOException;

    /**
     * Ends the cut and releases what storage kept for it. When {@link #write()} runs on another
     * thread, makes it fail soon and waits until it has stopped.
     */
    @Override
    void close();

    /** A cut whose file was written already (storages that cannot write in the background). */
    static SnapshotCut written(long bytes) {
        return new SnapshotCut() {
            @Override
            public long write() {
                return bytes;
            }

            @Override
            public void close() {}
        };
    }
}
