package io.tableos.db.replication;

import static io.tableos.db.replication.SnapshotRows.TABLE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.TableStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single Raft node on {@link ChronicleStorage} with automatic snapshots every few entries
 * (written in the background while entries keep being applied), an explicit snapshot, and
 * restarts on fresh storage: latest snapshot plus log replay gives exactly the rows the
 * entries produced, and the snapshot at stop covers everything applied.
 */
class BackgroundSnapshotRecoveryTest {
    @TempDir
    Path dir;

    /** Entries {@code [id int8][delete byte][value utf-8]} applied to the kv table. */
    private static final class KvLog implements ReplicatedLog {
        private final ChronicleStorage storage;

        KvLog(ChronicleStorage storage) {
            this.storage = storage;
        }

        @Override
        public void apply(long term, long index, ByteBuffer entry) {
            if (entry.remaining() < 9) return; // leader's empty entries
            long id = entry.getLong();
            boolean delete = entry.get() != 0;
            byte[] value = new byte[entry.remaining()];
            entry.get(value);
            TableStore t = storage.table(TABLE_ID);
            if (delete) t.delete(SnapshotRows.key(id));
            else SnapshotRows.put(t, id, new String(value, StandardCharsets.UTF_8));
        }

        @Override
        public void leaderReady(long term) {}

        @Override
        public void leaderChanged(String leaderId) {}

        @Override
        public void stateReloaded() {}
    }

    private static byte[] entry(long id, boolean delete, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + v.length).putLong(id).put((byte) (delete ? 1 : 0)).put(v).array();
    }

    private record Node(RaftNode raft, ChronicleStorage storage) implements AutoCloseable {
        @Override
        public void close() {
            raft.close();
            storage.close();
        }
    }

    private static Node start(RaftNodeConfig config) throws IOException {
        Catalog catalog = new Catalog();
        ChronicleStorage storage = SnapshotRows.storage(catalog);
        RaftNode raft = new RaftNode(config, storage, catalog, new KvLog(storage));
        raft.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!raft.isLeaderReady()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no leadership");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling a condition, not timing
        }
        return new Node(raft, storage);
    }

    private RaftNodeConfig config(boolean snapshotOnStop) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return RaftNodeConfig.of("n0", List.of(new RaftPeerAddress("n0", "127.0.0.1", port, "127.0.0.1:0")), dir.resolve("n0"))
                .withElectionTimeouts(Duration.ofMillis(150), Duration.ofMillis(300))
                .withSnapshots(40, 2, snapshotOnStop);
    }

    /** Submits {@code count} random changes (each its own entry) and mirrors them in {@code model}. */
    private static void change(RaftNode raft, TreeMap<Long, List<Object>> model, Random random, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            long id = random.nextInt(400);
            boolean delete = random.nextInt(4) == 0;
            String value = "v" + random.nextInt();
            raft.submit(entry(id, delete, value)).get(30, TimeUnit.SECONDS);
            if (delete) model.remove(id);
            else model.put(id, Arrays.asList(id, value));
        }
    }

    private long filesNamed(String regex) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(regex)).count();
        }
    }

    private long snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }

    @Test
    void restartFromTheLatestSnapshotPlusTheLogGivesTheSameRows() throws Exception {
        RaftNodeConfig config = config(false);
        TreeMap<Long, List<Object>> model = new TreeMap<>();
        Random random = new Random(1);
        try (Node node = start(config)) {
            change(node.raft(), model, random, 400); // ten automatic snapshots' worth, written in the background
            long explicit = node.raft().takeSnapshot();
            assertTrue(explicit >= 400, "explicit snapshot at the applied index: " + explicit);
            assertEquals(1, filesNamed("snapshot\\.\\d+_" + explicit), "explicit snapshot, written when takeSnapshot returned");
            assertEquals(1, filesNamed("snapshot\\.\\d+_" + explicit + "\\.md5"), "and its MD5");
            change(node.raft(), model, random, 30); // below the trigger: only in the log at stop
            assertEquals(model, SnapshotRows.rows(node.storage().table(TABLE_ID)));
        }
        long kept = snapshotFiles();
        assertTrue(kept >= 1 && kept <= 2, "snapshots kept: " + kept);
        try (Node node = start(config)) {
            assertEquals(model, SnapshotRows.rows(node.storage().table(TABLE_ID)));
            change(node.raft(), model, random, 100);
            assertEquals(model, SnapshotRows.rows(node.storage().table(TABLE_ID)));
        }
        try (Node node = start(config)) {
            assertEquals(model, SnapshotRows.rows(node.storage().table(TABLE_ID)));
        }
    }

    @Test
    void theSnapshotAtStopCoversEverythingApplied() throws Exception {
        RaftNodeConfig config = config(true);
        TreeMap<Long, List<Object>> model = new TreeMap<>();
        long applied;
        try (Node node = start(config)) {
            change(node.raft(), model, random(), 130);
            applied = node.raft().status().appliedIndex();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long latest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("snapshot\\.\\d+_\\d+"))
                    .mapToLong(n -> Long.parseLong(n.substring(n.indexOf('_') + 1))).max().orElse(-1);
            assertTrue(latest >= applied, "snapshot at stop " + latest + " covers applied index " + applied);
        }
        try (Node node = start(config)) {
            assertEquals(model, SnapshotRows.rows(node.storage().table(TABLE_ID)));
        }
    }

    private static Random random() {
        return new Random(2);
    }
}
