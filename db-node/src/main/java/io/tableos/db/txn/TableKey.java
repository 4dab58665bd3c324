package io.tableos.db.txn;

import java.util.Arrays;

/**
 * An encoded key within one catalog object: a table's primary key, or a unique index's key
 * (then {@code objectId} is the index id; ids are unique across tables and indexes).
 */
final class TableKey {
    final long objectId;
    final byte[] key;
    private final int hash;

    TableKey(long objectId, byte[] key) {
        this.objectId = objectId;
        this.key = key;
        this.hash = Long.hashCode(objectId) * 31 + Arrays.hashCode(key);
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
