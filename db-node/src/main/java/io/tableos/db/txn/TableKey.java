package io.tableos.db.txn;

import java.util.Arrays;

/**
 * An encoded key within one catalog object: a table's primary key, or a unique index's key
 * (then {@code objectId} is the index id; ids are unique across tables and indexes).
 */
final class TableKey {
    final long objectId;
    final byte[] key;
    /** 64 bits of hash: what {@link LastWrites} keeps of the key. */
    final long fingerprint;
    private final int hash;

    TableKey(long objectId, byte[] key) {
        this.objectId = objectId;
        this.key = key;
        this.fingerprint = fingerprint(objectId, key);
        this.hash = (int) (fingerprint ^ (fingerprint >>> 32));
    }

    /**
     * FNV-1a over the bytes, then a 64-bit finaliser. Not {@link Arrays#hashCode(byte[])}: its
     * base-31 polynomial maps encoded integer keys, which differ only in their last bytes, to
     * few values, and the conflict log's hash map of 200K recent keys degenerated into trees.
     */
    private static long fingerprint(long objectId, byte[] key) {
        long h = 0xcbf29ce484222325L ^ objectId;
        for (byte b : key) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableKey k && k.objectId == objectId && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return objectId + ":" + Arrays.toString(key);
    }
}
