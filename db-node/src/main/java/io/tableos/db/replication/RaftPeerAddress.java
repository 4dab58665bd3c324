package io.tableos.db.replication;

/**
 * One member of the Raft group.
 *
 * @param id          the peer's Raft id (stable across restarts; names its data)
 * @param host        the host its Raft (GRPC) server binds to and peers dial
 * @param raftPort    its Raft port
 * @param sqlAddress  host:port of its PostgreSQL-protocol server, so a follower can name the leader's
 */
public record RaftPeerAddress(String id, String host, int raftPort, String sqlAddress) {
    public String raftAddress() {
        return host + ":" + raftPort;
    }
}
