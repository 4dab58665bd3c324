/**
 * Transactions: MVCC snapshots over a version store beside storage, PostgreSQL's isolation
 * levels, buffered write sets, row locks, validation of SERIALIZABLE reads, and group commit on
 * the leader's single ordered commit path.
 */
package io.tableos.db.txn;
