package io.tableos.db.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link RaftNode} needs to start. Defaults follow notes/ratis.md: GRPC (see
 * {@link RaftTransport} for NETTY),
 * 600/1200 ms election timeouts (well above an fsync, ~0.1-2 ms here, and a loaded 2-core
 * machine's scheduling hiccups), 8 MiB segments, 72 MiB entries, snapshots every 200K entries
 * keeping two, linearizable leader reads through a leader lease, and an appender retry
 * policy that redials a restarted follower within half a second (Ratis' default backs off to
 * 5 s, which made GRPC catch-up take 11-30 s).
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
 * @param leaderLease            serve the read barrier from a leader lease (no heartbeat round) while it holds
 * @param appenderRetryPolicy    Ratis' log appender retry policy: pairs of sleep and count, the last repeated
 * @param requestTimeout         Raft RPC timeout (append entries, install snapshot chunks, membership staging)
 * @param transport              how peers talk ({@link RaftTransport}; all peers must agree)
 * @param ratisOverrides         Ratis properties set last, over everything above (key: Ratis's name,
 *                               e.g. {@code raft.server.log.force.sync.num}); for measuring settings
 *                               without a rebuild, normally empty
 */
public record RaftNodeConfig(String nodeId, List<RaftPeerAddress> peers, String groupName, Path dataDir,
                             Duration electionTimeoutMin, Duration electionTimeoutMax,
                             long segmentBytesMax, int entryBytesMax,
                             long snapshotEveryEntries, int snapshotsKept, boolean snapshotOnStop,
                             boolean leaderLease, String appenderRetryPolicy, Duration requestTimeout,
                             RaftTransport transport, Map<String, String> ratisOverrides) {

    public static final String DEFAULT_GROUP_NAME = "tableos";
    /**
     * Ratis keeps the entries of the open segment and of the last closed one on the heap
     * ({@code RaftNode} explains why its cache limits do not hold them to less), so this bounds
     * the log's heap: twice this, plus one entry larger than a segment (it goes into the segment
     * whole). Large rows make it count double: G1 gives a 1 MiB entry two 1 MiB regions. At 64 MiB,
     * inserting 1 MiB rows one per commit held ~124 entries, ~250 MiB of a 320 MiB heap, and the
     * node answered every statement with "Java heap space" after ~128 rows; a restart's replay
     * loads segments whole into the same cache. At 8 MiB a segment rolls every few thousand
     * small entries, and a restart opens a few more files per GiB of log.
     */
    public static final long DEFAULT_SEGMENT_BYTES_MAX = 8L << 20;
    /**
     * One row is in one entry (a large transaction's rows are spread over staged chunks of a
     * few MiB each), so this bounds the largest value: a 64 MiB value (issue 11's "at least 64 MB")
     * with its row, key and framing, and room for small rows beside it. Ratis allocates a
     * direct write buffer of this size once per node, and group commit seals batches below it.
     * Was 4 MiB, which refused any value above ~4 MB.
     */
    public static final int DEFAULT_ENTRY_BYTES_MAX = 72 << 20;
    /**
     * About 240 MB of log at pgbench's ~1.2 KB entries (PostgreSQL's max_wal_size is 1 GB). At
     * 100K, TPC-B on one node wrote a full snapshot every ~33 s, and each took ~8-10% of the
     * throughput while it ran; a crash restart replays at most this many entries (~50 us each
     * measured here, so ~10 s) on top of loading the snapshot.
     */
    public static final long DEFAULT_SNAPSHOT_EVERY_ENTRIES = 200_000;
    public static final int DEFAULT_SNAPSHOTS_KEPT = 2;
    /**
     * Well above fsync latency (~0.1-1 ms) and above the JVM pauses seen on a loaded 2-core host
     * (300 ms caused needless elections there), yet short enough for failover under 3 s.
     */
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(600);
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(1200);
    /** 10 quick retries, 20 at 100 ms, then every 500 ms for as long as the follower stays away. */
    public static final String DEFAULT_APPENDER_RETRY_POLICY = "1ms,10, 100ms,20, 500ms,2000000";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    public RaftNodeConfig {
        peers = List.copyOf(peers);
        ratisOverrides = Map.copyOf(ratisOverrides);
        if (peers.stream().noneMatch(p -> p.id().equals(nodeId))) {
            throw new IllegalArgumentException("node id " + nodeId + " is not among the peers " + peers);
        }
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeout max must exceed min");
        }
        if (entryBytesMax < 64 << 10) throw new IllegalArgumentException("entryBytesMax below 64 KiB");
        if (segmentBytesMax < 64 << 10) throw new IllegalArgumentException("segmentBytesMax below 64 KiB");
        if (requestTimeout.compareTo(electionTimeoutMax) <= 0) {
            throw new IllegalArgumentException("request timeout must exceed the election timeout max");
        }
    }

    /** A group with the recommended defaults. */
    public static RaftNodeConfig of(String nodeId, List<RaftPeerAddress> peers, Path dataDir) {
        return new RaftNodeConfig(nodeId, peers, DEFAULT_GROUP_NAME, dataDir,
                DEFAULT_ELECTION_TIMEOUT_MIN, DEFAULT_ELECTION_TIMEOUT_MAX, DEFAULT_SEGMENT_BYTES_MAX,
                DEFAULT_ENTRY_BYTES_MAX, DEFAULT_SNAPSHOT_EVERY_ENTRIES, DEFAULT_SNAPSHOTS_KEPT, true,
                true, DEFAULT_APPENDER_RETRY_POLICY, DEFAULT_REQUEST_TIMEOUT, RaftTransport.GRPC, Map.of());
    }

    /** A group of one on {@code host:raftPort}. */
    public static RaftNodeConfig singleNode(String nodeId, String host, int raftPort, String sqlAddress, Path dataDir) {
        return of(nodeId, List.of(new RaftPeerAddress(nodeId, host, raftPort, sqlAddress)), dataDir);
    }

    public RaftPeerAddress self() {
        return peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow();
    }

    public RaftNodeConfig withElectionTimeouts(Duration min, Duration max) {
        Duration request = requestTimeout.compareTo(max) > 0 ? requestTimeout : max.multipliedBy(2);
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, min, max, segmentBytesMax, entryBytesMax,
                snapshotEveryEntries, snapshotsKept, snapshotOnStop, leaderLease, appenderRetryPolicy, request, transport, ratisOverrides);
    }

    public RaftNodeConfig withSnapshots(long everyEntries, int kept, boolean onStop) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, everyEntries, kept, onStop, leaderLease, appenderRetryPolicy,
                requestTimeout, transport, ratisOverrides);
    }

    public RaftNodeConfig withSegmentBytesMax(long bytes) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                bytes, entryBytesMax, snapshotEveryEntries, snapshotsKept, snapshotOnStop, leaderLease,
                appenderRetryPolicy, requestTimeout, transport, ratisOverrides);
    }

    public RaftNodeConfig withLeaderLease(boolean enabled) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, snapshotEveryEntries, snapshotsKept, snapshotOnStop, enabled,
                appenderRetryPolicy, requestTimeout, transport, ratisOverrides);
    }

    public RaftNodeConfig withTransport(RaftTransport rpc) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, snapshotEveryEntries, snapshotsKept, snapshotOnStop, leaderLease,
                appenderRetryPolicy, requestTimeout, rpc, ratisOverrides);
    }

    public RaftNodeConfig withAppenderRetryPolicy(String policy) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, snapshotEveryEntries, snapshotsKept, snapshotOnStop, leaderLease,
                policy, requestTimeout, transport, ratisOverrides);
    }

    public RaftNodeConfig withRatisOverrides(Map<String, String> overrides) {
        return new RaftNodeConfig(nodeId, peers, groupName, dataDir, electionTimeoutMin, electionTimeoutMax,
                segmentBytesMax, entryBytesMax, snapshotEveryEntries, snapshotsKept, snapshotOnStop, leaderLease,
                appenderRetryPolicy, requestTimeout, transport, overrides);
    }
}
