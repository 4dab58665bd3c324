package io.tableos.db.it.isolation;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one transaction attempt of a randomized history read and wrote, by row key. Each row is
 * read at most once before it is written (read-modify-write), so the version a transaction
 * overwrote is the one it read. A second read of a row in the same transaction must return the
 * same version (no transaction here changes a row and then reads it again).
 */
final class RecordedTransaction {
    final long id;
    final int client;
    private final Map<Integer, Version> reads = new TreeMap<>();
    private final Map<Integer, Version> writes = new TreeMap<>();

    RecordedTransaction(long id, int client) {
        this.id = id;
        this.client = client;
    }

    void read(int key, Version version) {
        if (writes.containsKey(key)) throw new IllegalStateException("T" + id + " reads row " + key + " after writing it");
        Version first = reads.putIfAbsent(key, version);
        if (first != null && !first.equals(version)) {
            throw new AssertionError("T" + id + " read row " + key + " twice: " + first + " then " + version);
        }
    }

    void wrote(int key, long value) {
        if (!reads.containsKey(key)) throw new IllegalStateException("T" + id + " writes row " + key + " without reading it");
        writes.put(key, new Version(id, value));
    }

    Map<Integer, Version> reads() {
        return Collections.unmodifiableMap(reads);
    }

    Map<Integer, Version> writes() {
        return Collections.unmodifiableMap(writes);
    }

    boolean readOnly() {
        return writes.isEmpty();
    }

    @Override
    public String toString() {
        return "T" + id + "(client " + client + ", read " + reads + ", wrote " + writes + ")";
    }
}
