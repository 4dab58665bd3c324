package io.tableos.db.txn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A directory of this node's files that no restart needs (staged chunks: the log replays them;
 * spilled row versions: no snapshot outlives the process), beside the Raft log.
 */
final class ScratchDirectory {
    private ScratchDirectory() {
    }

    /** Creates {@code dir} or empties it of what an earlier run left. */
    static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : (Iterable<Path>) old::iterator) Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        return dir;
    }
}
