package io.tableos.db.replication;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does when a committed log entry fails to apply: that is a bug (everything a
 * client can send is checked before sequencing), and a replica that skipped or half-applied
 * an entry would diverge from the others and serve wrong data. So it stops at once: it logs
 * the entry's index and the cause, writes the marker file {@value #MARKER_FILE} into the Raft
 * data directory (fsynced), and halts the JVM with {@link #EXIT_CODE} without running
 * shutdown hooks (the stop-time snapshot would record the half-applied state).
 *
 * <p>While the marker exists the node refuses to start ({@link #refuseStartIfMarked}). The
 * operator's override is to delete the file once the cause is fixed (a corrected release, or
 * the data directory restored): the node then replays the entry from its log.
 */
public final class ApplyFailure {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyFailure.class);

    /** In the Raft data directory ({@link RaftNodeConfig#dataDir()}). */
    public static final String MARKER_FILE = "APPLY-FAILED";
    /** EX_SOFTWARE (sysexits.h): an internal error. */
    public static final int EXIT_CODE = 70;

    /** Ends the process; tests of the state machine substitute their own. */
    @FunctionalInterface
    public interface Stop {
        void stop(int exitCode);

        Stop HALT = code -> Runtime.getRuntime().halt(code);
    }

    private final Path raftDataDir;
    private final Stop stop;

    ApplyFailure(Path raftDataDir, Stop stop) {
        this.raftDataDir = raftDataDir;
        this.stop = stop;
    }

    /** Called from the apply thread: records the failure and stops the node. */
    void stopNode(long term, long index, Throwable cause) {
        Path marker = raftDataDir.resolve(MARKER_FILE);
        LOG.error("FATAL: applying Raft log entry {} (term {}) failed: {}. The node stops now and will not start"
                + " while {} exists (delete it once the cause is fixed; the entry is then applied again).",
                index, term, cause, marker, cause);
        try {
            writeMarker(marker, term, index, cause);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not write {}: {}", marker, e.toString());
        }
        System.out.flush();
        System.err.flush();
        stop.stop(EXIT_CODE);
    }

    /** Throws when an earlier apply failure left its marker in {@code raftDataDir}. */
    public static void refuseStartIfMarked(Path raftDataDir) throws IOException {
        Path marker = raftDataDir.resolve(MARKER_FILE);
        if (!Files.exists(marker)) return;
        String recorded = Files.readString(marker, StandardCharsets.UTF_8).strip();
        throw new IOException("refusing to start: a Raft log entry failed to apply earlier (" + recorded + "). Delete "
                + marker + " once the cause is fixed; the node then applies the entry again.");
    }

    private static void writeMarker(Path marker, long term, long index, Throwable cause) throws IOException {
        String text = "index=" + index + " term=" + term + " time=" + Instant.now() + " cause=" + cause + "\n";
        Path temporary = marker.resolveSibling(MARKER_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(marker.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
