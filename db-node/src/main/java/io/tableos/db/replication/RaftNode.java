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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
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

    private final RaftNodeConfig config;
    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final Map<String, RaftPeerAddress> peersById = new HashMap<>();
    private final TableStateMachine stateMachine;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private RaftServer server;

    public RaftNode(RaftNodeConfig config, Storage storage, Catalog catalog, ReplicatedLog log) {
        this.config = config;
        this.selfId = RaftPeerId.valueOf(config.nodeId());
        List<RaftPeer> peers = new ArrayList<>();
        for (RaftPeerAddress p : config.peers()) {
            peersById.put(p.id(), p);
            peers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress())
                    .setClientAddress(p.sqlAddress()).build());
        }
        RaftGroupId groupId = RaftGroupId.valueOf(
                UUID.nameUUIDFromBytes(config.groupName().getBytes(StandardCharsets.UTF_8)));
        this.group = RaftGroup.valueOf(groupId, peers);
        this.stateMachine = new TableStateMachine(storage, catalog, log);
    }

    public RaftNodeConfig config() {
        return config;
    }

    public synchronized void start() throws IOException {
        if (server != null) throw new IllegalStateException("already started");
        server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setGroup(group)
                .setProperties(properties())
                .setStateMachine(stateMachine)
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        server.start();
    }

    private RaftProperties properties() {
        RaftProperties p = new RaftProperties();
        RaftPeerAddress self = config.self();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, self.host());
        GrpcConfigKeys.Server.setPort(p, self.raftPort());
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(config.entryBytesMax() + GRPC_MESSAGE_HEADROOM_BYTES));
        RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(config.electionTimeoutMin().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(config.electionTimeoutMax().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.segmentBytesMax()));
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(config.entryBytesMax()));
        // The write buffer must exceed the largest entry by at least 8 bytes (entry header).
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(2L * config.entryBytesMax()));
        // No commit-index metadata entries in the log: Ratis appends (and fsyncs) one after
        // every commit-index advance, doubling the fsyncs per commit. They only let a restarted
        // node apply its committed entries before a leader is known; ours serves SQL only once
        // a leader has committed its term's first entry anyway (measured: notes in perf/).
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, config.snapshotsKept());
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, config.snapshotOnStop());
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
        final CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.thenApply(r -> {
            if (!r.isSuccess()) {
                Exception cause = r.getException();
                throw new java.util.concurrent.CompletionException(
                        cause != null ? cause : new IOException("Raft write failed: " + r));
            }
            return null;
        });
    }

    /** Asks Ratis to take a snapshot now (admin API); returns the snapshot's log index. */
    public long takeSnapshot() throws IOException {
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(clientId, selfId,
                group.getGroupId(), callIds.incrementAndGet(), 60_000, 1);
        RaftClientReply reply = server.snapshotManagement(request);
        if (!reply.isSuccess()) throw new IOException("snapshot failed", reply.getException());
        return reply.getLogIndex();
    }

    private DivisionInfo info() throws IOException {
        return server.getDivision(group.getGroupId()).getInfo();
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
            RaftPeerId leader = info().getLeaderId();
            if (leader == null) return null;
            RaftPeerAddress address = peersById.get(leader.toString());
            return address == null ? null : address.sqlAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public RaftStatus status() {
        List<RaftStatus.PeerStatus> peers = new ArrayList<>();
        try {
            RaftServer.Division division = server.getDivision(group.getGroupId());
            DivisionInfo info = division.getInfo();
            RaftPeerId leader = info.getLeaderId();
            Map<String, Long> commitIndexes = new HashMap<>();
            for (CommitInfoProto c : division.getCommitInfos()) {
                commitIndexes.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
            }
            for (RaftPeerAddress p : config.peers()) {
                peers.add(new RaftStatus.PeerStatus(p.id(), p.raftAddress(), p.sqlAddress(),
                        leader != null && leader.toString().equals(p.id()), commitIndexes.getOrDefault(p.id(), -1L)));
            }
            return new RaftStatus(config.nodeId(), info.getCurrentRole().name(), info.isLeader() && info.isLeaderReady(),
                    leader == null ? null : leader.toString(), info.getCurrentTerm(),
                    division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(), peers);
        } catch (IOException | RuntimeException e) {
            for (RaftPeerAddress p : config.peers()) {
                peers.add(new RaftStatus.PeerStatus(p.id(), p.raftAddress(), p.sqlAddress(), false, -1));
            }
            return new RaftStatus(config.nodeId(), "STOPPED", false, null, -1, -1, -1, peers);
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("closing the Raft server failed", e);
        } finally {
            server = null;
        }
    }
}
