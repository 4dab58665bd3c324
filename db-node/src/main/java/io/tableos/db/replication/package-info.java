/**
 * The replicated log: {@link io.tableos.db.replication.RaftNode} wraps an Apache Ratis
 * server (GRPC transport, RECOVER startup) whose state machine hands committed entries, in
 * log order, to a {@link io.tableos.db.replication.ReplicatedLog} implemented by the
 * transaction layer, takes snapshots through storage in the background (applies go on; Ratis
 * is told only completed snapshots' indexes; none is cut while the layer above says entries
 * before the applied index are still needed, {@code ReplicatedLog.snapshotAllowed}) and loads them (and installs the leader's
 * snapshot on a follower whose needed log was purged), answers read barriers for
 * linearizable leader reads, changes membership (add, remove, replace in one Ratis
 * setConfiguration), and reports its state as {@link io.tableos.db.replication.RaftStatus}.
 * An entry that fails to apply stops the node for good ({@link io.tableos.db.replication.ApplyFailure}).
 * The only user of Apache Ratis; it knows nothing of the entries' contents.
 */
package io.tableos.db.replication;
