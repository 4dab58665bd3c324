package io.tableos.db.storage;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;

/**
 * The rows of one table, keyed by the encoded primary key ({@link KeyCodec}), values
 * encoded by {@link RowCodec}, plus the table's ordered secondary indexes, which
 * {@link #put} and {@link #delete} keep current.
 *
 * <p>Threading: one writer (the apply thread), many concurrent readers. A reader sees
 * each single row atomically; a scan running beside writes sees each row either before or
 * after a write, and the transaction layer's validation catches any inconsistency.
 */
public interface TableStore extends AutoCloseable {
    TableDef def();

    /** The encoded row, or null. */
    byte[] get(byte[] primaryKey);

    /** Inserts or replaces the row, updating every index (partial ones by their predicate). */
    void put(byte[] primaryKey, byte[] row);

    /**
     * Fails as {@link #put} would, without changing anything: 54000 when the primary key or an
     * index key is longer than storage keeps, or the error a partial index's predicate raises
     * on the row. {@link #put} runs when a committed log entry is applied, where a failure
     * stops the node, so the transaction layer calls this for every row it buffers, before
     * the write is sequenced. Stores without such limits need not override it.
     */
    default void checkStorable(byte[] primaryKey, byte[] row) {}

    /** Removes the row and its index entries; false when absent. */
    boolean delete(byte[] primaryKey);

    /** Rows in primary-key order (reverse when {@code descending}) within {@code range}. */
    KeyValueCursor scan(KeyRange range, boolean descending);

    /**
     * Entries of a secondary index within {@code range} of index keys (index columns encoded
     * by {@link KeyCodec}, not including the primary-key suffix): key() is the full index
     * key, value() the primary key.
     */
    KeyValueCursor indexScan(IndexDef index, KeyRange range, boolean descending);

    /** The index key (without primary-key suffix) of {@code row} in {@code index}, or null when a partial index excludes the row. */
    byte[] indexKey(IndexDef index, byte[] row);

    long rowCount();

    /** Removes every row and index entry. */
    void clear();

    @Override
    void close();
}
