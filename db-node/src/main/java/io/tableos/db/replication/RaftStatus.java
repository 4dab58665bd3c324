package io.tableos.db.replication;

import java.util.List;

/**
 * A point-in-time view of this node's Raft state, for sys.nodes and health checks.
 *
 * @param nodeId           this node
 * @param role             LEADER, FOLLOWER, CANDIDATE, LISTENER or STOPPED
 * @param leaderReady      leader and has applied its term's first entry (may accept writes)
 * @param leaderId         the leader's id, or null when unknown
 * @param term             current term
 * @param commitIndex      highest log index known committed
 * @param appliedIndex     highest log index applied to the state machine
 * @param lastIndex        highest log index in this node's log (may exceed commitIndex)
 * @param snapshotIndex    log index of the latest snapshot (-1 when none)
 * @param peers            every member of the current configuration with what this node knows of it
 */
public record RaftStatus(String nodeId, String role, boolean leaderReady, String leaderId, long term,
                         long commitIndex, long appliedIndex, long lastIndex, long snapshotIndex,
                         List<PeerStatus> peers) {

    /**
     * One member as seen from this node. On the leader every field is known: followers' match
     * indexes and the time since they last answered. On a follower only its own row and the
     * leader's (time since the leader last reached it) carry contact times.
     *
     * @param role               LEADER, FOLLOWER (this node's own role for its row), or UNKNOWN
     * @param commitIndex        the peer's commit index as last reported to this node (-1 when unknown)
     * @param appliedIndex       the peer's applied index (known for this node only; -1 otherwise)
     * @param matchIndex         highest log index the leader knows the peer holds (-1 when not known here)
     * @param lagEntries         log entries the peer is behind: on the leader, leader's last index minus
     *                           the peer's match index; for this node, the commit index it knows of minus
     *                           its applied index (-1 when unknown)
     * @param lastContactMillis  milliseconds since the leader last heard from the peer (on the leader), or
     *                           since this follower last heard from the leader (its own and the leader's
     *                           rows); 0 for the leader itself; -1 when unknown
     */
    public record PeerStatus(String id, String raftAddress, String sqlAddress, String role, long commitIndex,
                             long appliedIndex, long matchIndex, long lagEntries, long lastContactMillis) {
        public boolean leader() {
            return "LEADER".equals(role);
        }
    }
}
