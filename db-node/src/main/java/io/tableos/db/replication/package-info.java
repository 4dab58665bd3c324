/**
 * The replicated log: {@link io.tableos.db.replication.RaftNode} wraps an Apache Ratis
 * server (GRPC transport, RECOVER startup) whose state machine hands committed entries, in
 * log order, to a {@link io.tableos.db.replication.ReplicatedLog} implemented by the
 * transaction layer, and takes and loads snapshots through storage. The only user of
 * Apache Ratis; it knows nothing of the entries' contents.
 */
package io.tableos.db.replication;
