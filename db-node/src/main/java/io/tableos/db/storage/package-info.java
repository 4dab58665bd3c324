/**
 * Rows and indexes of every table, off heap in Chronicle Map, with order-preserving key
 * encoding, row encoding and snapshots. The only user of Chronicle Map.
 *
 * <p>{@link io.tableos.db.storage.ChronicleStorage} keeps per table a Chronicle Map from
 * encoded primary key ({@link io.tableos.db.storage.KeyCodec}) to encoded row
 * ({@link io.tableos.db.storage.RowCodec}; a row over 32 KiB is kept out of line in 64 KiB chunks of a
 * second map, {@link io.tableos.db.storage.RowMap}), the primary keys again in a
 * {@link io.tableos.db.storage.PackedKeySet} (sorted copy-on-write chunks: about 16 bytes of
 * heap per 9-byte key, against about 80 in a ConcurrentSkipListMap) for range scans and
 * ORDER BY, and one PackedKeySet per secondary index holding {@code index key ++ primary
 * key}. One writer (the apply thread) and any number of readers; readers never lock.
 * A table that outgrows its map (Chronicle sizes a map at creation and chains slower tiers
 * past it) moves into one four times bigger on the storage's
 * {@link io.tableos.db.storage.MapGrower} thread while reads and writes go on.
 * Snapshots ({@link io.tableos.db.storage.SnapshotFormat}) hold the catalog, rows and
 * sequence values in CRC32C-checked blocks; a {@link io.tableos.db.storage.SnapshotCut}
 * captures them at one applied index (frozen key sets, before-images of rows changed since)
 * so a background thread writes the file while applies continue.
 */
package io.tableos.db.storage;
