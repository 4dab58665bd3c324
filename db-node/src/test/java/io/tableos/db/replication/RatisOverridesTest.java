package io.tableos.db.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Ratis property given in {@link RaftNodeConfig#ratisOverrides} reaches the Ratis server over
 * our own setting of it: with the segment size overridden to 64 KiB (ours is 8 MiB), 1 MB of
 * entries leaves several closed log segments, where our setting would keep one open segment.
 */
class RatisOverridesTest {
    private static final int ENTRIES = 128;
    private static final int ENTRY_BYTES = 8 << 10;

    @TempDir
    Path dir;

    @Test
    void overrideReplacesOurSetting() throws Exception {
        assertTrue(closedSegmentsAfterWriting(Map.of("raft.server.log.segment.size.max", "64KB")) > 4,
                "a 64 KiB segment size gives a segment per few entries");
        assertEquals(0, closedSegmentsAfterWriting(Map.of()), "our 8 MiB segments hold all of it in the open one");
    }

    private long closedSegmentsAfterWriting(Map<String, String> overrides) throws Exception {
        Path data = Files.createTempDirectory(dir, "raft");
        RaftNodeConfig config = RaftNodeConfig.singleNode("1", "127.0.0.1", freePort(), "127.0.0.1:5432", data)
                .withElectionTimeouts(Duration.ofMillis(150), Duration.ofMillis(300))
                .withSnapshots(1_000_000, 2, false) // no storage here to snapshot
                .withRatisOverrides(overrides);
        AtomicLong applied = new AtomicLong();
        try (RaftNode node = new RaftNode(config, null, null, new CountingLog(applied))) {
            node.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!node.isLeaderReady()) {
                if (System.nanoTime() > deadline) throw new AssertionError("no leader within 30 s");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling until the deadline
            }
            for (int i = 0; i < ENTRIES; i++) node.submit(new byte[ENTRY_BYTES]).get(30, TimeUnit.SECONDS);
        }
        assertTrue(applied.get() >= ENTRIES, "every entry applied");
        try (Stream<Path> files = Files.walk(data)) {
            // Ratis names closed segments log_<first>-<last>, the open one log_inprogress_<first>
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("log_\\d+-\\d+")).count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Counts applied entries. */
    private record CountingLog(AtomicLong applied) implements ReplicatedLog {
        @Override
        public void apply(long term, long index, ByteBuffer entry) {
            applied.incrementAndGet();
        }

        @Override
        public void leaderReady(long term) {}

        @Override
        public void leaderChanged(String leaderId) {}

        @Override
        public void stateReloaded() {}
    }
}
