package io.tableos.db.replication;

import java.util.Locale;

/**
 * How Raft peers talk to each other (Ratis's RPC implementations).
 *
 * <p>GRPC is the default. NETTY is faster on a 3-node local cluster sharing 2 cores (TPC-B
 * +15-30%, less CPU per transaction): Ratis's NETTY appender keeps one append request per
 * follower outstanding, carrying every entry that accumulated meanwhile, where GRPC streams
 * each entry in its own message. It is not the default, because in Ratis 3.3.0 that one
 * request is synchronous and is also the heartbeat: the follower answers it only after its
 * log write is synced, and the leader sends nothing else meanwhile. With one follower down, a
 * slow disk on the other (longer than the election timeout) therefore costs the leader its
 * leadership (`Lost leadership ... lastRpcResponseTime=5807` in the 3-VM test under TCG, while
 * a VM booted beside it), which the issue rules out. GRPC sends heartbeats on a channel of
 * their own. NETTY also lacks the asynchronous server protocol, so a follower cannot take a
 * read barrier (production followers never do). Select with {@code tableos.raftrpc=netty}
 * where disks are fast and nodes have their own cores.
 */
public enum RaftTransport {
    NETTY, GRPC;

    /** Parses {@code netty} or {@code grpc} (any case); {@code setting} names it in the error. */
    public static RaftTransport parse(String setting, String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " must be grpc or netty, got '" + text + "'");
        }
    }
}
