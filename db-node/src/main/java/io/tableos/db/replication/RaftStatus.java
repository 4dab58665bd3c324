package io.tableos.db.replication;

import java.util.List;

/**
 * A point-in-time view of this node's Raft state, for sys.nodes and health checks.
 *
 * @param nodeId        this node
 * @param role          LEADER, FOLLOWER, CANDIDATE, LISTENER or STOPPED
 * @param leaderReady   leader and has applied its term's first entry (may accept writes)
 * @param leaderId      the leader's id, or null when unknown
 * @param term          current term
 * @param commitIndex   highest log index known committed
 * @param appliedIndex  highest log index applied to the state machine
 * @param peers         every member with what this node knows of it
 */
public record RaftStatus(String nodeId, String role, boolean leaderReady, String leaderId, long term,
                         long commitIndex, long appliedIndex, List<PeerStatus> peers) {

    /**
     * @param commitIndex  the peer's commit index as last reported to this node (-1 when unknown)
     */
    public record PeerStatus(String id, String raftAddress, String sqlAddress, boolean leader, long commitIndex) {}
}
