package io.tableos.db.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link RaftNode} needs to start. Defaults follow notes/ratis.md: GRPC,
 * 300/600 ms election timeouts, 64 MB segments, 4 MB entries, snapshots every 100K entries
 * keeping two.
 *
 * @param nodeId                 this node's peer id; must be in {@code peers}
 * @param peers                  every member of the group, this node included
 * @param groupName              names the Raft group (hashed into its id); all peers must agree
 * @param dataDir                Raft log and snapshots live here (created when missing)
 * @param electionTimeoutMin     lower bound of the randomized election timeout
 * @param electionTimeoutMax     upper bound
 * @param segmentBytesMax        Raft log segment size
 * @param entryBytesMax          largest log entry (appender buffer byte limit); the commit path seals batches below it
 * @param snapshotEveryEntries   take a snapshot automatically after this many applied entries
 * @param snapshotsKept          snapshot files kept (older ones deleted)
 * @param snapshotOnStop         take a snapshot when the server stops (faster restart, slower stop)
 */
public record RaftNodeConfig(String nodeId, List<RaftPeerAddress> peers, String groupName, Path dataDir,
                             Duration electionTimeoutMin, Duration electionTimeoutMax,
                             long segmentBytesMax, int entryBytesMax,
                             long snapshotEveryEntries, int snapshotsKept, boolean snapshotOnStop) {

    public static final String DEFAULT_GROUP_NAME = "tableos";
    public static final long DEFAULT_SEGMENT_BYTES_MAX = 64L << 20;
    public static final int DEFAULT_ENTRY_BYTES_MAX = 4 << 20;
    public static final long DEFAULT_SNAPSHOT_EVERY_ENTRIES = 100_000;
    public static final int DEFAULT_SNAPSHOTS_KEPT = 2;

    public RaftNodeConfig {
        peers = List.copyOf(peers);
        if (peers.stream().noneMatch(p -> p.id().equals(nodeId))) {
            throw new IllegalArgumentException("node id " + nodeId + " is not among the peers " + peers);
        }
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeout max must exceed min");
        }
        if (entryBytesMax < 64 << 10) throw new IllegalArgumentException("entryBytesMax below 64 KiB");
    }

    /** A group with the recommended defaults. */
    public static RaftNodeConfig of(String nodeId, List<RaftPeerAddress> peers, Path dataDir) {
        return new RaftNodeConfig(nodeId, peers, DEFAULT_GROUP_NAME, dataDir,
                Duration.ofMillis(300), Duration.ofMillis(600), DEFAULT_SEGMENT_BYTES_MAX, DEFAULT_ENTRY_BYTES_MAX,
                DEFAULT_SNAPSHOT_EVERY_ENTRIES, DEFAULT_SNAPSHOTS_KEPT, true);
    }

    /** A group of one on {@code host:raftPort}. */
    public static RaftNodeConfig singleNode(String nodeId, String host, int raftPort, String sqlAddress, Path dataDir) {
        return of(nodeId, List.of(new RaftPeerAddress(nodeId, host, raftPort, sqlAddress)), dataDir);
    }

    public RaftPeerAddress self() {
        return peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow();
    }

    public RaftNodeConfig withElectionTimeouts(Duration min, Duration max) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, min, max, segmentBytesMax, entryBytesMax,
                snapshotEveryEntries, snapshotsKept, snapshotOnStop);
    }

    public RaftNodeConfig withSnapshots(long everyEntries, int kept, boolean onStop) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, everyEntries, kept, onStop);
    }
}
