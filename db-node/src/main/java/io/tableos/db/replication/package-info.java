/**
 * The replicated log: the log-entry codec, the Ratis state machine that applies committed
 * entries to storage in log order, snapshots. The only user of Apache Ratis.
 */
package io.tableos.db.replication;
