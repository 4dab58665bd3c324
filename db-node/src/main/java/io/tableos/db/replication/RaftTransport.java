package io.tableos.db.replication;

import java.util.Locale;

/**
 * How Raft peers talk to each other (Ratis's RPC implementations).
 *
 * <p>GRPC is the default. NETTY is faster on a 3-node local cluster sharing 2 cores: TPC-B
 * ran 1,490-1,825 TPS over NETTY against 1,064-1,437 over GRPC, at 0.8-1.1 ms of cluster CPU
 * per transaction against 1.1-1.6 ms (alternating runs, session-3 notes): Ratis's NETTY
 * appender keeps one append request per follower outstanding, carrying every entry that
 * accumulated meanwhile, where GRPC streams each entry in its own message. It is not the
 * default because (1) in Ratis 3.3.0 it lacks the asynchronous server protocol, so a
 * follower cannot take a read barrier (production followers never do; tests did), and
 * (2) in the 3-VM test under TCG, cutting one follower off cost the leader its leadership,
 * which GRPC survives; that needs understanding first. Select with {@code tableos.raftrpc=netty}.
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
