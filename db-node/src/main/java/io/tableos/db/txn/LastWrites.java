package io.tableos.db.txn;

/**
 * The sequence of the last write of each recent key, by the key's 64-bit fingerprint
 * ({@link TableKey#fingerprint}): an open-addressing table of two long arrays, linear probing,
 * deletion by backward shift. The conflict log updates it for every key written and removes
 * a key when it leaves the history, all under the sequencer's lock.
 *
 * <p>Why fingerprints and primitive arrays: a {@code HashMap<TableKey, Long>} of 200 Ki recent
 * keys cost 7-8% of a TPC-B node's CPU in the conflict log alone, on the commit path: every
 * eviction followed a cold node, its key object and its byte array to compare. Here a probe
 * touches one slot. Two keys sharing a fingerprint (about one in 2^64 per pair) share one
 * record, which can only report a conflict that did not happen, never hide one.
 */
final class LastWrites {
    /** Marks an empty slot; a fingerprint of 0 is stored as 1 ({@link #slotKey}). */
    private static final long EMPTY = 0;
    /** Returned by {@link #get} for a key with no record. */
    static final long NONE = -1;

    private final long[] keys;
    private final long[] sequences;
    private final int mask;
    private int size;

    /** Room for {@code maxEntries} records at a load factor of at most one half. */
    LastWrites(int maxEntries) {
        int capacity = Integer.highestOneBit(Math.max(4, maxEntries) * 2 - 1) << 1;
        keys = new long[capacity];
        sequences = new long[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** Records that the key was written at {@code sequence} (sequences only rise). */
    void put(long fingerprint, long sequence) {
        long key = slotKey(fingerprint);
        int i = slotOf(key);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                sequences[i] = Math.max(sequences[i], sequence);
                return;
            }
            i = (i + 1) & mask;
        }
        if (size + 1 > (keys.length >> 1)) throw new IllegalStateException("LastWrites is full: the conflict log evicts first");
        keys[i] = key;
        sequences[i] = sequence;
        size++;
    }

    /** The key's last write sequence, or {@link #NONE}. */
    long get(long fingerprint) {
        long key = slotKey(fingerprint);
        for (int i = slotOf(key); keys[i] != EMPTY; i = (i + 1) & mask) {
            if (keys[i] == key) return sequences[i];
        }
        return NONE;
    }

    /** Forgets the key if its last write is still {@code sequence} (a later write keeps it). */
    void removeIf(long fingerprint, long sequence) {
        long key = slotKey(fingerprint);
        int i = slotOf(key);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) return;
            i = (i + 1) & mask;
        }
        if (sequences[i] != sequence) return;
        // Backward shift: move later members of the probe run into the hole so lookups that
        // stop at an empty slot still find them.
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slotOf(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                sequences[hole] = sequences[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
    }

    private static long slotKey(long fingerprint) {
        return fingerprint == EMPTY ? 1 : fingerprint;
    }

    private int slotOf(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
