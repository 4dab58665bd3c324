/**
 * Rows and indexes of every table, off heap in Chronicle Map, with order-preserving key
 * encoding, row encoding and snapshots. The only user of Chronicle Map.
 */
package io.tableos.db.storage;
