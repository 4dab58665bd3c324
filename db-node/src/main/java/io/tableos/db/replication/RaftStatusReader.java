package io.tableos.db.replication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;

/**
 * Turns a Ratis division's state into a {@link RaftStatus}. Each figure is read once, so
 * the view is roughly, not exactly, one instant (Ratis offers no consistent snapshot of it).
 */
final class RaftStatusReader {
    private RaftStatusReader() {}

    static RaftStatus read(String selfId, RaftServer.Division division) {
        DivisionInfo info = division.getInfo();
        RaftLog log = division.getRaftLog();
        RaftPeerId leader = info.getLeaderId();
        String leaderId = leader == null ? null : leader.toString();
        long commitIndex = log.getLastCommittedIndex();
        long appliedIndex = info.getLastAppliedIndex();
        TermIndex last = log.getLastEntryTermIndex();
        long lastIndex = last == null ? -1 : last.getIndex();
        String selfRole = info.getCurrentRole().name();

        Map<String, Long> commitIndexes = new HashMap<>();
        for (CommitInfoProto c : division.getCommitInfos()) {
            commitIndexes.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
        }
        RoleInfoProto role = info.getRoleInfoProto();
        Map<String, Long> contactMillis = new HashMap<>();
        Map<String, Long> matchIndexes = new HashMap<>();
        if (info.isLeader() && role.hasLeaderInfo()) {
            List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
            long[] matches = info.getFollowerMatchIndices();
            for (int i = 0; i < followers.size(); i++) {
                String id = followers.get(i).getId().getId().toStringUtf8();
                contactMillis.put(id, followers.get(i).getLastRpcElapsedTimeMs());
                // Both lists come from the leader's appenders in one order; a change between the two reads shows as unknown.
                if (matches != null && matches.length == followers.size()) matchIndexes.put(id, matches[i]);
            }
        } else if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            long sinceLeader = role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
            contactMillis.put(selfId, sinceLeader);
            if (leaderId != null) contactMillis.put(leaderId, sinceLeader);
        }

        List<RaftStatus.PeerStatus> peers = new ArrayList<>();
        for (RaftPeer p : currentPeers(division)) {
            String id = p.getId().toString();
            boolean self = id.equals(selfId);
            String peerRole = self ? selfRole : id.equals(leaderId) ? "LEADER" : info.isLeader() ? "FOLLOWER" : "UNKNOWN";
            long peerCommit = self ? commitIndex : commitIndexes.getOrDefault(id, -1L);
            long applied = self ? appliedIndex : -1;
            long match = self && info.isLeader() ? lastIndex : matchIndexes.getOrDefault(id, -1L);
            long lag;
            if (self) {
                long known = Math.max(commitIndex, leaderId == null ? -1 : commitIndexes.getOrDefault(leaderId, -1L));
                lag = Math.max(0, known - appliedIndex);
            } else {
                lag = match >= 0 ? Math.max(0, lastIndex - match) : -1;
            }
            long contact = self && info.isLeader() ? 0 : contactMillis.getOrDefault(id, -1L);
            peers.add(new RaftStatus.PeerStatus(id, p.getAddress(), p.getClientAddress(), peerRole, peerCommit,
                    applied, match, lag, contact));
        }
        return new RaftStatus(selfId, selfRole, info.isLeader() && info.isLeaderReady(), leaderId,
                info.getCurrentTerm(), commitIndex, appliedIndex, lastIndex, log.getSnapshotIndex(), peers);
    }

    /** Members of the current configuration (the new one while a change is in progress), in id order. */
    static List<RaftPeer> currentPeers(RaftServer.Division division) {
        Collection<RaftPeer> peers = division.getRaftConf().getCurrentPeers();
        List<RaftPeer> sorted = new ArrayList<>(peers);
        sorted.sort((a, b) -> compareIds(a.getId().toString(), b.getId().toString()));
        return sorted;
    }

    /** Numeric ids in numeric order (node 10 after node 9), others by text. */
    static int compareIds(String a, String b) {
        boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)
                && !a.isEmpty() && !b.isEmpty() && a.length() < 18 && b.length() < 18;
        return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }
}
