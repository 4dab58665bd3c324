package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer.Division;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One member of the database's Raft group: a Ratis server with the {@link TableStateMachine},
 * GRPC transport, RECOVER startup (an existing data directory is reused), an explicit bind
 * host, and entries submitted in-process (no Raft client, no extra hop).
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #submit} entries while leader,
 * {@link #close()}. Committed entries reach the {@link ReplicatedLog} given at construction.
 *
 * <p>The peers given at construction only seed a new data directory: once Raft has a
 * configuration in its log or snapshot, that one rules (membership changes through
 * {@link #changeMembership} survive restarts with the original peer list). Each peer's
 * SQL address travels in the configuration as its Ratis client address.
 */
public final class RaftNode implements AutoCloseable {
    static {
        // Ratis prints ~150 INFO lines at start and an ERROR per failed request; keep WARN and up.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.ratis") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.ratis", "warn");
        }
    }

    /** Extra room the GRPC message limit needs above the largest entry. */
    private static final int GRPC_MESSAGE_HEADROOM_BYTES = 1 << 20;
    /** Room above the sealed entry bytes for Ratis' own entry header, and again for the log's framing. */
    private static final int ENTRY_HEADER_HEADROOM_BYTES = 64 << 10;

    private final RaftNodeConfig config;
    private final RaftGroup group;
    private final RaftPeerId selfId;
    /** The seed peers, used for addresses until the server runs. */
    private final Map<String, RaftPeerAddress> seedPeersById = new HashMap<>();
    private final TableStateMachine stateMachine;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private RaftServer server;
    /** The group's division of {@link #server}; the server serves one group for its lifetime. */
    private volatile Division division;

    public RaftNode(RaftNodeConfig config, Storage storage, Catalog catalog, ReplicatedLog log) {
        this(config, storage, catalog, log, ApplyFailure.Stop.HALT);
    }

    /** {@code onApplyFailure} ends the process after an entry failed to apply ({@link ApplyFailure}). */
    public RaftNode(RaftNodeConfig config, Storage storage, Catalog catalog, ReplicatedLog log, ApplyFailure.Stop onApplyFailure) {
        this.config = config;
        this.selfId = RaftPeerId.valueOf(config.nodeId());
        List<RaftPeer> peers = new ArrayList<>();
        for (RaftPeerAddress p : config.peers()) {
            seedPeersById.put(p.id(), p);
            peers.add(RaftMembership.toPeer(p));
        }
        RaftGroupId groupId = RaftGroupId.valueOf(
                UUID.nameUUIDFromBytes(config.groupName().getBytes(StandardCharsets.UTF_8)));
        this.group = RaftGroup.valueOf(groupId, peers);
        this.stateMachine = new TableStateMachine(storage, catalog, log, new ApplyFailure(config.dataDir(), onApplyFailure));
    }

    public RaftNodeConfig config() {
        return config;
    }

    public synchronized void start() throws IOException {
        if (server != null) throw new IllegalStateException("already started");
        ApplyFailure.refuseStartIfMarked(config.dataDir());
        server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties())
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        server.start();
    }

    /** Ratis' entry adds its own header (client and call ids) to the bytes the sequencer sealed. */
    private static int entryBytesWithHeader(RaftNodeConfig config) {
        return config.entryBytesMax() + ENTRY_HEADER_HEADROOM_BYTES;
    }

    private RaftProperties properties() {
        RaftProperties p = new RaftProperties();
        RaftPeerAddress self = config.self();
        if (config.transport() == RaftTransport.NETTY) {
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
            NettyConfigKeys.Server.setHost(p, self.host());
            NettyConfigKeys.Server.setPort(p, self.raftPort());
        } else {
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
            GrpcConfigKeys.Server.setHost(p, self.host());
            GrpcConfigKeys.Server.setPort(p, self.raftPort());
            // Ratis requires 1 MiB above the appender's buffer limit.
            GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryBytesWithHeader(config) + GRPC_MESSAGE_HEADROOM_BYTES));
        }
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(config.electionTimeoutMin()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(config.electionTimeoutMax()));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(config.requestTimeout()));
        // Linearizable reads: the leader answers a read barrier from its lease (or a heartbeat round).
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, config.leaderLease());
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, config.appenderRetryPolicy());
        // A follower whose log was purged (or wiped) receives the leader's snapshot file.
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.segmentBytesMax()));
        int entryBytesWithHeader = entryBytesWithHeader(config);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryBytesWithHeader));
        // The write buffer must exceed the appender's limit by at least 8 bytes (size prefix and
        // checksum); it is a direct buffer allocated once, so it gets only that much headroom
        // more (it was twice the entry).
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryBytesWithHeader + ENTRY_HEADER_HEADROOM_BYTES));
        // Ratis' 64 MB defaults for pending writes and for the log worker's queue would refuse one
        // largest entry (the queue's refusal left the log worker without an open segment for good).
        RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(2L * config.entryBytesMax()));
        RaftServerConfigKeys.Log.setQueueByteLimit(p, SizeInBytes.valueOf(2L * config.entryBytesMax()));
        // No commit-index metadata entries in the log: Ratis appends (and fsyncs) one after
        // every commit-index advance, doubling the fsyncs per commit. They only let a restarted
        // node apply its committed entries before a leader is known; ours serves SQL only once
        // a leader has committed its term's first entry anyway (measured: notes in perf/).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Ratis keeps every request's reply in a retry cache for 60 s by default, so that a client
        // retrying with the same call id gets the first answer. Our commit path never retries a
        // call id (a failed submit fails the transaction), and at 3K entries/s those replies
        // held ~100 MB of heap and drove the old generation (measured: G1 concurrent cycles
        // halved after this change). Log entries cached in memory: the open segment and one
        // closed one; a follower further behind is served from disk. The 32 MB limit does not
        // bound that: Ratis evicts a closed segment's entries only when asked (a roll, a cache
        // miss), and at a roll the segment just closed is not yet flushed, so not evictable, until
        // the next roll. The segment size does (RaftNodeConfig.DEFAULT_SEGMENT_BYTES_MAX).
        RaftServerConfigKeys.RetryCache.setExpiryTime(p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf(32L << 20));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, config.snapshotsKept());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, config.snapshotOnStop());
        config.ratisOverrides().forEach(p::set);
        return p;
    }

    /**
     * Appends {@code entry} to the log. Completes once it is committed and applied on this
     * node (after {@link ReplicatedLog#apply} returned); fails when this node is not the
     * leader or loses leadership first (then the entry may or may not commit later).
     */
    public CompletableFuture<Void> submit(byte[] entry) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(selfId)
                .setGroupId(group.getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        return replyToVoid(request);
    }

    /**
     * Completes once this node's applied state includes every write committed before the call
     * (Ratis read index; answered from the leader lease when it holds). Fails when this node
     * does not lead or loses leadership meanwhile. A read that follows it on this node is
     * linearizable. On a follower it works over GRPC only (asking the leader for its read
     * index is an asynchronous server call, which Ratis's NETTY transport lacks): followers
     * serve reads without it, their lag visible in sys.nodes.
     */
    public CompletableFuture<Void> readBarrier() {
        if (leadsAlone()) return CompletableFuture.completedFuture(null);
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(selfId)
                .setGroupId(group.getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.EMPTY)
                .setType(RaftClientRequest.readRequestType())
                .build();
        return replyToVoid(request);
    }

    /**
     * True when this node leads a stable configuration in which it is the only voter: no
     * other node can be elected (a configuration change would have to commit here first),
     * so its applied state already answers reads linearizably. Lets {@link #readBarrier} skip
     * the Ratis read path, which cost a thread hand-off per read-only transaction (PERF:
     * select-only on one node fell from 1.2-1.5x PostgreSQL to 0.54-0.61x with it).
     */
    private boolean leadsAlone() {
        try {
            Division division = division();
            org.apache.ratis.server.RaftConfiguration conf = division.getRaftConf();
            return conf.getPreviousPeers().isEmpty() && conf.getCurrentPeers().size() == 1
                    && conf.getCurrentPeers().iterator().next().getId().equals(selfId)
                    && division.getInfo().isLeader();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private CompletableFuture<Void> replyToVoid(RaftClientRequest request) {
        final CompletableFuture<RaftClientReply> reply;
        try {
            // Straight to the group's division, on the caller's thread: the server-level
            // submitClientRequestAsync hands every request to Ratis's client thread pool
            // first, one more thread hop on every commit and read barrier.
            Division division = division();
            reply = division instanceof RaftClientAsynchronousProtocol direct
                    ? direct.submitClientRequestAsync(request)
                    : server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            // Runtime: e.g. a follower's read index over NETTY (UnsupportedOperationException).
            return CompletableFuture.failedFuture(e);
        }
        return reply.thenApply(r -> {
            if (!r.isSuccess()) {
                Exception cause = r.getException();
                throw new java.util.concurrent.CompletionException(
                        cause != null ? cause : new IOException("Raft request failed: " + r));
            }
            return null;
        });
    }

    /**
     * Adds the peers {@code add} and removes the peers {@code removeIds} in one configuration
     * change (a replacement when both are given). Must be called on the leader; new peers
     * should already run (started with the new peer list) so they can catch up. Completes when
     * the new configuration is committed; fails with a {@link MembershipException}.
     */
    public CompletableFuture<Void> changeMembership(List<RaftPeerAddress> add, List<String> removeIds) {
        final Division division;
        try {
            division = division();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return RaftMembership.change(server, division, clientId, callIds.incrementAndGet(), add, removeIds,
                leaderSqlAddress());
    }

    /** The members of the current configuration (the new one while a change is in progress). */
    public List<RaftPeerAddress> members() {
        try {
            List<RaftPeerAddress> members = new ArrayList<>();
            for (RaftPeer p : RaftStatusReader.currentPeers(division())) members.add(toAddress(p));
            return members;
        } catch (IOException | RuntimeException e) {
            return config.peers();
        }
    }

    private static RaftPeerAddress toAddress(RaftPeer p) {
        String address = p.getAddress();
        int colon = address.lastIndexOf(':');
        return new RaftPeerAddress(p.getId().toString(), address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), p.getClientAddress());
    }

    private static TimeDuration millis(java.time.Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks Ratis to take a snapshot now (admin API); returns the snapshot's log index once it
     * is durable. Automatic snapshots are written in the background; while this request is
     * in flight the state machine writes before it answers instead.
     */
    public long takeSnapshot() throws IOException {
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(clientId, selfId,
                group.getGroupId(), callIds.incrementAndGet(), 60_000, 1);
        stateMachine.explicitSnapshotStarting();
        try {
            RaftClientReply reply = server.snapshotManagement(request);
            if (!reply.isSuccess()) throw new IOException("snapshot failed", reply.getException());
            return reply.getLogIndex();
        } finally {
            stateMachine.explicitSnapshotEnded();
        }
    }

    private Division division() throws IOException {
        RaftServer running = server;
        if (running == null) throw new IOException("the Raft server is not running");
        // Cached: the lookup waits on a future in Ratis's server proxy, and every statement
        // asks whether this node leads (3% of a pgbench session's CPU).
        Division cached = division;
        if (cached == null) division = cached = running.getDivision(group.getGroupId());
        return cached;
    }

    private DivisionInfo info() throws IOException {
        return division().getInfo();
    }

    /** True when this node leads and has applied its term's first entry. */
    public boolean isLeaderReady() {
        try {
            DivisionInfo info = info();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The SQL address of the current leader, or null when unknown. */
    public String leaderSqlAddress() {
        try {
            Division division = division();
            RaftPeerId leader = division.getInfo().getLeaderId();
            if (leader == null) return null;
            RaftPeer peer = division.getRaftConf().getPeer(leader);
            if (peer != null && peer.getClientAddress() != null) return peer.getClientAddress();
            RaftPeerAddress seed = seedPeersById.get(leader.toString());
            return seed == null ? null : seed.sqlAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public RaftStatus status() {
        try {
            return RaftStatusReader.read(config.nodeId(), division());
        } catch (IOException | RuntimeException e) {
            List<RaftStatus.PeerStatus> peers = new ArrayList<>();
            for (RaftPeerAddress p : config.peers()) {
                peers.add(new RaftStatus.PeerStatus(p.id(), p.raftAddress(), p.sqlAddress(), "UNKNOWN", -1, -1, -1, -1, -1));
            }
            return new RaftStatus(config.nodeId(), "STOPPED", false, null, -1, -1, -1, -1, -1, peers);
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        stateMachine.stopping(); // the snapshot at stop (when enabled) is written before the server ends
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("closing the Raft server failed", e);
        } finally {
            server = null;
            division = null;
        }
    }
}
