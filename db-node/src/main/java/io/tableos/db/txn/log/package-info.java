/**
 * The content of the replicated log: {@link io.tableos.db.txn.log.LogEntry} batches of
 * transaction write sets and DDL, their versioned, CRC-checked binary format
 * ({@link io.tableos.db.txn.log.LogEntryCodec}). Lives with the transaction layer because
 * the entries carry its {@link io.tableos.db.txn.DdlOperation}s; the replication package
 * moves them as opaque bytes.
 */
package io.tableos.db.txn.log;
