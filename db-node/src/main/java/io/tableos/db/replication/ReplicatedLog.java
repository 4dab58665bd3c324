package io.tableos.db.replication;

import java.nio.ByteBuffer;

/**
 * What the state machine hands the layer above: committed entries in log order and
 * leadership events. Implemented by the transaction layer, so this package never depends
 * on it. All apply calls come from one thread (Ratis' state machine updater), in log order.
 */
public interface ReplicatedLog {

    /**
     * Applies one committed entry. Must be deterministic; a throw is fatal for the node
     * (the replica would diverge), so operating errors must be handled inside.
     */
    void apply(long term, long index, ByteBuffer entry);

    /** This node became leader of {@code term} and has applied every earlier entry. Called on the apply thread. */
    void leaderReady(long term);

    /** Another node (or none, when {@code leaderId} is null) leads now. */
    void leaderChanged(String leaderId);

    /**
     * False while the state at the last applied index needs log entries before it to be
     * rebuilt (a large transaction's staged chunks, not yet committed or discarded): a snapshot
     * there would let Ratis purge them. Snapshots then wait for a later trigger. Apply thread.
     */
    default boolean snapshotAllowed() {
        return true;
    }

    /** State was replaced wholesale (snapshot loaded or installed); caches derived from it are stale. */
    void stateReloaded();
}
