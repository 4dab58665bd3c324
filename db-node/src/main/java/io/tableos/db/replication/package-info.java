/**
 * The replicated log: {@link io.tableos.db.replication.RaftNode} wraps an Apache Ratis
 * server (GRPC transport, RECOVER startup) whose state machine hands committed entries, in
 * log order, to a {@link io.tableos.db.replication.ReplicatedLog} implemented by the
 * transaction layer, takes and loads snapshots through storage (and installs the leader's
 * snapshot on a follower whose needed log was purged), answers read barriers for
 * linearizable leader reads, changes membership (add, remove, replace in one Ratis
 * setConfiguration), and reports its state as {@link io.tableos.db.replication.RaftStatus}.
 * The only user of Apache Ratis; it knows nothing of the entries' contents.
 */
package io.tableos.db.replication;
