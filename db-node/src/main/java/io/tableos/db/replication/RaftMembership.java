package io.tableos.db.replication;

import io.tableos.db.replication.MembershipException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.server.RaftServer;

/**
 * Membership changes through Ratis' admin API, asked of the local server (which must lead).
 * Each change is one compare-and-set of the whole voter list: Ratis stages new peers until
 * they caught up with the log (or a snapshot), then commits the joint and the new
 * configuration. Removing the leader itself is allowed; it steps down once the change commits.
 */
final class RaftMembership {
    /** Peers a group may have; Raft gains nothing from more voters and each one costs an append per entry. */
    static final int PEERS_MAX = 9;

    private RaftMembership() {}

    /**
     * Replaces the voters {@code removeIds} by {@code add} (either may be empty) in one change.
     * Completes when the new configuration is committed.
     */
    static CompletableFuture<Void> change(RaftServer server, RaftServer.Division division, ClientId clientId,
                                          long callId, List<RaftPeerAddress> add, List<String> removeIds,
                                          String leaderSqlAddress) {
        final SetConfigurationRequest request;
        try {
            if (!division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
                throw new MembershipException(Reason.NOT_LEADER, "membership changes must be asked of the leader"
                        + (leaderSqlAddress == null ? "; no leader is known yet" : " at " + leaderSqlAddress),
                        leaderSqlAddress, null);
            }
            List<RaftPeer> current = RaftStatusReader.currentPeers(division);
            List<RaftPeer> next = nextPeers(current, add, removeIds);
            SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInCurrentConf(current)
                    .setServersInNewConf(next)
                    .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                    .build();
            request = new SetConfigurationRequest(clientId, server.getId(), division.getGroup().getGroupId(),
                    callId, arguments);
        } catch (MembershipException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.setConfigurationAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(failure(e, leaderSqlAddress));
        }
        return reply.handle((r, error) -> {
            if (error != null) throw new CompletionException(failure(unwrap(error), leaderSqlAddress));
            if (!r.isSuccess()) throw new CompletionException(failure(r.getException(), leaderSqlAddress));
            return null;
        });
    }

    static List<RaftPeer> nextPeers(List<RaftPeer> current, List<RaftPeerAddress> add, List<String> removeIds)
            throws MembershipException {
        Set<String> members = new HashSet<>();
        for (RaftPeer p : current) members.add(p.getId().toString());
        Set<String> removing = new HashSet<>(removeIds);
        for (String id : removing) {
            if (!members.contains(id)) throw new MembershipException(Reason.UNKNOWN_MEMBER, "node " + id + " is not a member");
        }
        List<RaftPeer> next = new ArrayList<>();
        for (RaftPeer p : current) if (!removing.contains(p.getId().toString())) next.add(p);
        Set<String> adding = new HashSet<>();
        for (RaftPeerAddress a : add) {
            if (!adding.add(a.id())) throw new MembershipException(Reason.INVALID, "node " + a.id() + " listed twice");
            if (members.contains(a.id()) && !removing.contains(a.id())) {
                throw new MembershipException(Reason.ALREADY_MEMBER, "node " + a.id() + " is already a member");
            }
            for (RaftPeer p : next) {
                if (p.getAddress().equals(a.raftAddress())) {
                    throw new MembershipException(Reason.INVALID, "Raft address " + a.raftAddress()
                            + " is already used by node " + p.getId());
                }
            }
            next.add(toPeer(a));
        }
        if (next.isEmpty()) throw new MembershipException(Reason.INVALID, "the group cannot become empty");
        if (next.size() > PEERS_MAX) {
            throw new MembershipException(Reason.INVALID, "a group has at most " + PEERS_MAX + " nodes");
        }
        return next;
    }

    static RaftPeer toPeer(RaftPeerAddress a) {
        return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(a.id())).setAddress(a.raftAddress())
                .setClientAddress(a.sqlAddress()).build();
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }

    private static MembershipException failure(Throwable cause, String leaderSqlAddress) {
        if (cause instanceof MembershipException m) return m;
        if (cause instanceof NotLeaderException) {
            return new MembershipException(Reason.NOT_LEADER, "this node stopped leading before the change finished",
                    leaderSqlAddress, cause);
        }
        if (cause instanceof ReconfigurationInProgressException
                || cause instanceof SetConfigurationException && String.valueOf(cause.getMessage()).contains("not equal")) {
            return new MembershipException(Reason.IN_PROGRESS,
                    "another membership change is in progress or just happened; retry: " + cause.getMessage(), null, cause);
        }
        String what = cause instanceof RaftException ? cause.getMessage() : String.valueOf(cause);
        return new MembershipException(Reason.FAILED, "membership change failed: " + what, null, cause);
    }
}
