package io.tableos.db.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An ordered set of byte-string keys (unsigned lexicographic order), packed into immutable
 * sorted chunks of about {@link #CHUNK_BYTES_TARGET} bytes: one writer thread, any number
 * of readers. Each entry also carries a 16-bit {@code split}: the length of an index key
 * inside an index entry (the rest is the primary key); the primary-key set leaves it 0.
 *
 * <p>Memory: about key length + 6 bytes per entry at full chunks, against some 80 bytes
 * of node, array header and index levels per key in a ConcurrentSkipListMap of byte[].
 *
 * <p>Concurrency: chunks are copy-on-write. The chunk map is keyed by each chunk's lower
 * bound (its separator, fixed for the chunk's life; the first chunk's is the empty key).
 * The writer publishes a replacement chunk with one map put; a split puts the new right
 * half before replacing the left, a merge replaces the left before removing the right, so
 * at every instant each live key is in the chunk a reader would look in. Cursors remember
 * the last key returned and skip keys not beyond it, so a reader that saw a chunk before a
 * split never returns a key twice and never goes backwards; a key inserted or removed
 * during a scan is seen in its state before or after that write.
 */
final class PackedKeySet {
    static final int CHUNK_BYTES_TARGET = 2048;
    /** A chunk shrunk below this after a delete merges with its right neighbour when they fit together. */
    static final int CHUNK_BYTES_MERGE = 512;
    /** Offsets are 16-bit: a key plus its header must fit, with a full chunk, in 64 KiB. */
    static final int KEY_BYTES_MAX = 16_384;
    private static final int ENTRY_HEADER_BYTES = 4;
    private static final byte[] LOWEST = new byte[0];

    private volatile ConcurrentSkipListMap<byte[], Chunk> chunks = emptyChunks();
    private volatile long size;

    private static ConcurrentSkipListMap<byte[], Chunk> emptyChunks() {
        ConcurrentSkipListMap<byte[], Chunk> map = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
        map.put(LOWEST, Chunk.EMPTY);
        return map;
    }

    long size() {
        return size;
    }

    /** Number of chunks (for memory accounting and tests). */
    int chunkCount() {
        return chunks.size();
    }

    /** Bytes of packed entry data held (excluding per-chunk object overhead). */
    long dataBytes() {
        long total = 0;
        for (Chunk c : chunks.values()) total += c.data.length + 2L * c.offsets.length;
        return total;
    }

    /**
     * Writer only. A copy that later writes to this set do not change: it shares the
     * immutable chunks and copies only the chunk map (one entry per ~{@link #CHUNK_BYTES_TARGET}
     * bytes of keys, built in linear time from the sorted map), so freezing the key set of a
     * million-row table costs well under a millisecond. The copy must not be written to.
     */
    PackedKeySet frozenCopy() {
        PackedKeySet copy = new PackedKeySet();
        copy.chunks = new ConcurrentSkipListMap<>(chunks);
        copy.size = size;
        return copy;
    }

    /** Writer only. Removes everything; readers holding cursors finish on the old chunks. */
    void clear() {
        chunks = emptyChunks();
        size = 0;
    }

    /**
     * Writer only. Replaces the whole content with {@code sortedKeys} (strictly ascending,
     * {@code splits[i]} belonging to {@code sortedKeys[i]}) in full chunks: building an index
     * of n rows this way costs a sort instead of n copy-on-write inserts.
     */
    void replaceWithSorted(byte[][] sortedKeys, int[] splits, int count) {
        ConcurrentSkipListMap<byte[], Chunk> map = new ConcurrentSkipListMap<>(KeyOrder.COMPARATOR);
        int chunkStart = 0;
        int chunkBytes = 0;
        for (int i = 0; i < count; i++) {
            byte[] key = sortedKeys[i];
            if (key.length > KEY_BYTES_MAX) throw new IllegalArgumentException("key of " + key.length + " bytes exceeds " + KEY_BYTES_MAX);
            assert i == 0 || KeyOrder.compare(sortedKeys[i - 1], key) < 0 : "keys must be strictly ascending";
            int entryBytes = ENTRY_HEADER_BYTES + key.length;
            if (chunkBytes + entryBytes > CHUNK_BYTES_TARGET && i > chunkStart) {
                map.put(chunkStart == 0 ? LOWEST : sortedKeys[chunkStart], Chunk.of(sortedKeys, splits, chunkStart, i, chunkBytes));
                chunkStart = i;
                chunkBytes = 0;
            }
            chunkBytes += entryBytes;
        }
        map.put(chunkStart == 0 ? LOWEST : sortedKeys[chunkStart], Chunk.of(sortedKeys, splits, chunkStart, count, chunkBytes));
        chunks = map;
        size = count;
    }

    boolean contains(byte[] key) {
        Chunk c = chunks.floorEntry(key).getValue();
        return c.search(key) >= 0;
    }

    /** The smallest key &gt;= {@code key}, or null. */
    byte[] ceiling(byte[] key) {
        ConcurrentSkipListMap<byte[], Chunk> map = chunks;
        Map.Entry<byte[], Chunk> e = map.floorEntry(key);
        while (e != null) {
            Chunk c = e.getValue();
            int i = c.search(key);
            if (i < 0) i = -i - 1;
            if (i < c.count()) return c.key(i);
            e = map.higherEntry(e.getKey());
        }
        return null;
    }

    /** Writer only. Adds {@code key}; false when it was present already. */
    boolean add(byte[] key, int split) {
        if (key.length > KEY_BYTES_MAX) throw new IllegalArgumentException("key of " + key.length + " bytes exceeds " + KEY_BYTES_MAX);
        ConcurrentSkipListMap<byte[], Chunk> map = chunks;
        Map.Entry<byte[], Chunk> e = map.floorEntry(key);
        Chunk c = e.getValue();
        int i = c.search(key);
        if (i >= 0) return false;
        int at = -i - 1;
        Chunk grown = c.inserted(at, key, split);
        if (grown.data.length <= CHUNK_BYTES_TARGET || grown.count() < 2) {
            map.put(e.getKey(), grown);
        } else {
            boolean appendAtEnd = at == c.count() && map.higherKey(e.getKey()) == null;
            int leftCount = appendAtEnd ? grown.count() - 1 : grown.count() / 2;
            Chunk right = grown.slice(leftCount, grown.count());
            map.put(right.key(0), right);
            map.put(e.getKey(), grown.slice(0, leftCount));
        }
        size++;
        return true;
    }

    /** Writer only. Removes {@code key}; false when absent. */
    boolean remove(byte[] key) {
        ConcurrentSkipListMap<byte[], Chunk> map = chunks;
        Map.Entry<byte[], Chunk> e = map.floorEntry(key);
        Chunk c = e.getValue();
        int i = c.search(key);
        if (i < 0) return false;
        Chunk shrunk = c.removed(i);
        byte[] separator = e.getKey();
        Map.Entry<byte[], Chunk> next = map.higherEntry(separator);
        if (shrunk.count() == 0 && separator.length > 0) {
            map.remove(separator);
        } else if (shrunk.data.length < CHUNK_BYTES_MERGE && next != null
                && shrunk.data.length + next.getValue().data.length <= CHUNK_BYTES_TARGET) {
            map.put(separator, Chunk.concat(shrunk, next.getValue()));
            map.remove(next.getKey());
        } else {
            map.put(separator, shrunk);
        }
        size--;
        return true;
    }

    /** Keys from the first one &gt;= {@code from} (null: the start) upwards, or from the last one &lt;= {@code from} (null: the end) downwards. */
    Cursor cursor(byte[] from, boolean descending) {
        return new Cursor(chunks, from, descending);
    }

    /** Iterates keys in order; see the class comment for what it sees of concurrent writes. */
    static final class Cursor {
        private final ConcurrentSkipListMap<byte[], Chunk> map;
        private final boolean descending;
        private byte[] separator;
        private Chunk chunk;
        private int index;
        private byte[] lastKey;
        private int lastSplit;

        Cursor(ConcurrentSkipListMap<byte[], Chunk> map, byte[] from, boolean descending) {
            this.map = map;
            this.descending = descending;
            Map.Entry<byte[], Chunk> e = from == null ? (descending ? map.lastEntry() : map.firstEntry()) : map.floorEntry(from);
            separator = e.getKey();
            chunk = e.getValue();
            if (from == null) {
                index = descending ? chunk.count() - 1 : 0;
            } else {
                int i = chunk.search(from);
                index = i >= 0 ? i : descending ? -i - 2 : -i - 1;
            }
        }

        boolean next() {
            while (descending ? index < 0 : index >= chunk.count()) {
                Map.Entry<byte[], Chunk> e = descending ? map.lowerEntry(separator) : map.higherEntry(separator);
                if (e == null) return false;
                separator = e.getKey();
                chunk = e.getValue();
                index = descending ? chunk.lastBelow(lastKey) : chunk.firstAbove(lastKey);
            }
            lastKey = chunk.key(index);
            lastSplit = chunk.split(index);
            index += descending ? -1 : 1;
            return true;
        }

        byte[] key() {
            return lastKey;
        }

        int split() {
            return lastSplit;
        }
    }

    /** An immutable sorted run of entries: {@code [u16 length][u16 split][bytes]} each, located by {@code offsets}. */
    static final class Chunk {
        static final Chunk EMPTY = new Chunk(new byte[0], new char[0]);

        final byte[] data;
        final char[] offsets;

        Chunk(byte[] data, char[] offsets) {
            this.data = data;
            this.offsets = offsets;
        }

        int count() {
            return offsets.length;
        }

        private int length(int i) {
            int o = offsets[i];
            return ((data[o] & 0xFF) << 8) | (data[o + 1] & 0xFF);
        }

        int split(int i) {
            int o = offsets[i];
            return ((data[o + 2] & 0xFF) << 8) | (data[o + 3] & 0xFF);
        }

        byte[] key(int i) {
            int start = offsets[i] + ENTRY_HEADER_BYTES;
            return Arrays.copyOfRange(data, start, start + length(i));
        }

        private int compareAt(int i, byte[] probe) {
            int start = offsets[i] + ENTRY_HEADER_BYTES;
            return Arrays.compareUnsigned(data, start, start + length(i), probe, 0, probe.length);
        }

        /** Index of {@code key}, or {@code -(insertion point) - 1}. */
        int search(byte[] key) {
            int low = 0;
            int high = offsets.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = compareAt(mid, key);
                if (c < 0) low = mid + 1;
                else if (c > 0) high = mid - 1;
                else return mid;
            }
            return -(low + 1);
        }

        int firstAbove(byte[] key) {
            if (key == null) return 0;
            int i = search(key);
            return i >= 0 ? i + 1 : -i - 1;
        }

        int lastBelow(byte[] key) {
            if (key == null) return count() - 1;
            int i = search(key);
            return i >= 0 ? i - 1 : -i - 2;
        }

        private int entryBytes(int i) {
            return ENTRY_HEADER_BYTES + length(i);
        }

        Chunk inserted(int at, byte[] key, int split) {
            int insertAt = at == count() ? data.length : offsets[at];
            int added = ENTRY_HEADER_BYTES + key.length;
            byte[] newData = new byte[data.length + added];
            System.arraycopy(data, 0, newData, 0, insertAt);
            newData[insertAt] = (byte) (key.length >>> 8);
            newData[insertAt + 1] = (byte) key.length;
            newData[insertAt + 2] = (byte) (split >>> 8);
            newData[insertAt + 3] = (byte) split;
            System.arraycopy(key, 0, newData, insertAt + ENTRY_HEADER_BYTES, key.length);
            System.arraycopy(data, insertAt, newData, insertAt + added, data.length - insertAt);
            char[] newOffsets = new char[offsets.length + 1];
            System.arraycopy(offsets, 0, newOffsets, 0, at);
            newOffsets[at] = (char) insertAt;
            for (int i = at; i < offsets.length; i++) newOffsets[i + 1] = (char) (offsets[i] + added);
            return new Chunk(newData, newOffsets);
        }

        Chunk removed(int at) {
            int start = offsets[at];
            int removed = entryBytes(at);
            byte[] newData = new byte[data.length - removed];
            System.arraycopy(data, 0, newData, 0, start);
            System.arraycopy(data, start + removed, newData, start, data.length - start - removed);
            char[] newOffsets = new char[offsets.length - 1];
            System.arraycopy(offsets, 0, newOffsets, 0, at);
            for (int i = at + 1; i < offsets.length; i++) newOffsets[i - 1] = (char) (offsets[i] - removed);
            return new Chunk(newData, newOffsets);
        }

        Chunk slice(int from, int to) {
            int start = offsets[from];
            int end = to == count() ? data.length : offsets[to];
            char[] newOffsets = new char[to - from];
            for (int i = from; i < to; i++) newOffsets[i - from] = (char) (offsets[i] - start);
            return new Chunk(Arrays.copyOfRange(data, start, end), newOffsets);
        }

        static Chunk of(byte[][] keys, int[] splits, int from, int to, int dataBytes) {
            byte[] data = new byte[dataBytes];
            char[] offsets = new char[to - from];
            int o = 0;
            for (int i = from; i < to; i++) {
                byte[] key = keys[i];
                offsets[i - from] = (char) o;
                data[o] = (byte) (key.length >>> 8);
                data[o + 1] = (byte) key.length;
                data[o + 2] = (byte) (splits[i] >>> 8);
                data[o + 3] = (byte) splits[i];
                System.arraycopy(key, 0, data, o + ENTRY_HEADER_BYTES, key.length);
                o += ENTRY_HEADER_BYTES + key.length;
            }
            return new Chunk(data, offsets);
        }

        static Chunk concat(Chunk left, Chunk right) {
            byte[] newData = Arrays.copyOf(left.data, left.data.length + right.data.length);
            System.arraycopy(right.data, 0, newData, left.data.length, right.data.length);
            char[] newOffsets = Arrays.copyOf(left.offsets, left.count() + right.count());
            for (int i = 0; i < right.count(); i++) newOffsets[left.count() + i] = (char) (right.offsets[i] + left.data.length);
            return new Chunk(newData, newOffsets);
        }
    }
}
