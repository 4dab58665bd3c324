/**
 * Transactions: buffered write sets, read sets with observed commit sequences, row locks,
 * optimistic validation and group commit on the leader's single ordered commit path.
 */
package io.tableos.db.txn;
