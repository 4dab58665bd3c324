package io.tableos.db.storage;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A table's rows (encoded primary key to encoded row) of any size up to
 * {@link #ROW_BYTES_MAX}. Entries of at most {@link #INLINE_ENTRY_BYTES_MAX} bytes (key plus
 * row) live inline in the row map, as before; a larger row is cut into
 * {@link #CHUNK_BYTES}-byte chunks in a second Chronicle Map (created on the first large
 * row) and the row map holds a {@link #POINTER_BYTES}-byte pointer to them instead. Chronicle
 * refuses an entry above its segment's chunk budget (about 60 KB for a narrow table's map),
 * which is why one big value used to fail the apply.
 *
 * <p>Why a prefix cannot be mistaken for a row: an encoded row begins with its column count
 * as a varint ({@link RowCodec}); the pointer begins with a varint above
 * {@link Integer#MAX_VALUE}, which no row has. Small rows are stored and read exactly as
 * before: the only added work is a length and first-byte comparison per read.
 *
 * <p>Concurrency (one writer, lock-free readers): a large row's chunks are written under a
 * blob id never used before, then the pointer is published, and only then are the chunks of
 * the value it replaced removed. A reader that follows an old pointer and finds a chunk
 * missing therefore knows the row changed under it and reads the row again, so it returns
 * a value the row really had (never a mix) or null when the row was deleted meanwhile.
 */
final class RowMap implements AutoCloseable {
    /** Key plus row bytes stored inline; above it the row goes out of line. Every row map's chunk budget exceeds this (RowMaps). */
    static final int INLINE_ENTRY_BYTES_MAX = 32 << 10;
    /** Size of one out-of-line chunk (the last of a row may be shorter). */
    static final int CHUNK_BYTES = 64 << 10;
    /** Largest encoded row; the commit path bounds rows far below it (one Raft entry). */
    static final int ROW_BYTES_MAX = Integer.MAX_VALUE - 16;
    /** Chunk map's starting size in chunks (16 MiB); it grows like the row map ({@link GrowingMap}). */
    static final int CHUNK_MAP_ENTRIES = 256;
    private static final byte[] POINTER_MAGIC = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
    /** Magic, blob id (8), row length (4). */
    static final int POINTER_BYTES = POINTER_MAGIC.length + 12;
    private static final int CHUNK_KEY_BYTES = 12;

    /** Encoded key to encoded row, or to a pointer to the row's chunks. */
    private final GrowingMap inline;
    private final Supplier<GrowingMap> chunkMapFactory;
    /** Null until the first large row; written by the writer only. */
    private volatile GrowingMap chunks;
    /** Writer only: ids are never reused, so a reader can tell a replaced blob by its absence. */
    private long nextBlobId = 1;
    /** A test's {@link StorageFault#PUT} on this table, else null. */
    private final StorageFault failingPuts;

    RowMap(GrowingMap inline, Supplier<GrowingMap> chunkMapFactory, StorageFault failingPuts) {
        this.inline = inline;
        this.chunkMapFactory = chunkMapFactory;
        this.failingPuts = failingPuts;
    }

    /** The row, or null when absent. Any thread. */
    byte[] get(byte[] key) {
        while (true) {
            byte[] stored = inline.get(key);
            if (!isPointer(stored)) return stored;
            byte[] row = assemble(stored);
            if (row != null) return row;
            // A chunk was gone: the row was replaced or deleted after we read its pointer.
        }
    }

    /** Writer only. Stores the row and returns the one it replaced, or null. */
    byte[] put(byte[] key, byte[] row) {
        if (failingPuts != null) throw failingPuts.failure();
        if (row.length > ROW_BYTES_MAX) throw new IllegalArgumentException("row of " + row.length + " bytes exceeds " + ROW_BYTES_MAX);
        byte[] stored = key.length + row.length <= INLINE_ENTRY_BYTES_MAX ? row : writeChunks(row);
        byte[] old = inline.put(key, stored);
        return releaseReplaced(old);
    }

    /** Writer only. Removes the row and returns it, or null when absent. */
    byte[] remove(byte[] key) {
        return releaseReplaced(inline.remove(key));
    }

    /** Writer only. */
    void clear() {
        inline.clear();
        GrowingMap c = chunks;
        if (c != null) c.clear();
    }

    /** The inline map (tests). */
    GrowingMap inline() {
        return inline;
    }

    /** The chunk map, null before the first large row (tests). */
    GrowingMap chunks() {
        return chunks;
    }

    /** Off-heap bytes both maps hold (Chronicle's own count). */
    long offHeapMemoryUsed() {
        GrowingMap c = chunks;
        return inline.offHeapMemoryUsed() + (c == null ? 0 : c.offHeapMemoryUsed());
    }

    /** Chunks held (for tests: replaced and deleted rows leave none behind). */
    long chunkCount() {
        GrowingMap c = chunks;
        return c == null ? 0 : c.size();
    }

    @Override
    public void close() {
        inline.close();
        GrowingMap c = chunks;
        if (c != null) c.close();
    }

    /** The replaced value made whole (its chunks are still there), then its chunks removed. */
    private byte[] releaseReplaced(byte[] old) {
        if (!isPointer(old)) return old;
        byte[] row = assemble(old);
        if (row == null) throw new IllegalStateException("out-of-line row lost a chunk while its pointer was live");
        removeChunks(old);
        return row;
    }

    private byte[] writeChunks(byte[] row) {
        GrowingMap c = chunks;
        if (c == null) {
            c = chunkMapFactory.get();
            chunks = c;
        }
        long blobId = nextBlobId++;
        int count = chunkCount(row.length);
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK_BYTES;
            c.put(chunkKey(blobId, i), Arrays.copyOfRange(row, from, Math.min(row.length, from + CHUNK_BYTES)));
        }
        byte[] pointer = Arrays.copyOf(POINTER_MAGIC, POINTER_BYTES);
        putLong(pointer, POINTER_MAGIC.length, blobId);
        putInt(pointer, POINTER_MAGIC.length + 8, row.length);
        return pointer;
    }

    /** The row a pointer names, or null when one of its chunks is gone (replaced meanwhile). */
    private byte[] assemble(byte[] pointer) {
        GrowingMap c = chunks;
        long blobId = getLong(pointer, POINTER_MAGIC.length);
        int length = getInt(pointer, POINTER_MAGIC.length + 8);
        byte[] row = new byte[length];
        int count = chunkCount(length);
        for (int i = 0; i < count; i++) {
            byte[] chunk = c.get(chunkKey(blobId, i));
            int from = i * CHUNK_BYTES;
            if (chunk == null) return null;
            if (chunk.length != Math.min(CHUNK_BYTES, length - from)) {
                throw new IllegalStateException("chunk " + i + " of blob " + blobId + " has " + chunk.length + " bytes");
            }
            System.arraycopy(chunk, 0, row, from, chunk.length);
        }
        return row;
    }

    private void removeChunks(byte[] pointer) {
        long blobId = getLong(pointer, POINTER_MAGIC.length);
        int count = chunkCount(getInt(pointer, POINTER_MAGIC.length + 8));
        for (int i = 0; i < count; i++) chunks.remove(chunkKey(blobId, i));
    }

    static boolean isPointer(byte[] stored) {
        if (stored == null || stored.length != POINTER_BYTES) return false;
        for (int i = 0; i < POINTER_MAGIC.length; i++) if (stored[i] != POINTER_MAGIC[i]) return false;
        return true;
    }

    private static int chunkCount(int rowLength) {
        return (int) ((rowLength + (long) CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    private static byte[] chunkKey(long blobId, int index) {
        byte[] key = new byte[CHUNK_KEY_BYTES];
        putLong(key, 0, blobId);
        putInt(key, 8, index);
        return key;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
