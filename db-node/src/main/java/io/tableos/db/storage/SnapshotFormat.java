package io.tableos.db.storage;

/**
 * Layout of a snapshot file: the 8-byte {@link #MAGIC} and an int {@link #VERSION}, then
 * blocks {@code [byte kind][int length][payload][int CRC32C of kind, length and payload]}
 * in this order: one CATALOG (schemas, next object id, tables, sequences), one
 * SEQUENCE_VALUES, per table a TABLE (id, row count) followed by ROWS blocks of at most
 * about {@link #ROWS_BLOCK_BYTES} (table id, count, then varint-length primary key and row
 * pairs), and an END block holding the number of blocks before it, which detects
 * truncation. All integers big-endian.
 */
final class SnapshotFormat {
    private SnapshotFormat() {}

    static final long MAGIC = 0x5442_4F53_534E_4150L; // "TBOSSNAP"
    static final int VERSION = 1;

    static final byte CATALOG = 1;
    static final byte SEQUENCE_VALUES = 2;
    static final byte TABLE = 3;
    static final byte ROWS = 4;
    static final byte END = 9;

    static final int ROWS_BLOCK_BYTES = 1 << 20;
    /** A block larger than this is corruption, not data (ROWS blocks stay near ROWS_BLOCK_BYTES). */
    static final int BLOCK_BYTES_MAX = 256 << 20;
}
