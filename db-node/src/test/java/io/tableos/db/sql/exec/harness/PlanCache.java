package io.tableos.db.sql.exec.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements shared by all sessions, keyed by statement text, declared parameter
 * types and catalog version (so DDL invalidates by changing the key). Bounded LRU.
 */
final class PlanCache {
    /** Entries kept; the least recently used is evicted beyond this. */
    static final int ENTRIES_MAX = 2048;

    private record Key(String text, int[] declaredOids, long catalogVersion) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.catalogVersion == catalogVersion && k.text.equals(text) && Arrays.equals(k.declaredOids, declaredOids);
        }
        @Override public int hashCode() { return text.hashCode() * 31 + Arrays.hashCode(declaredOids) + Long.hashCode(catalogVersion); }
    }

    private final Map<Key, Prepared> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Prepared> eldest) {
            return size() > ENTRIES_MAX;
        }
    };

    synchronized Prepared get(String text, int[] oids, long version) {
        return entries.get(new Key(text, oids == null ? new int[0] : oids, version));
    }

    synchronized void put(String text, int[] oids, long version, Prepared prepared) {
        entries.put(new Key(text, oids == null ? new int[0] : oids.clone(), version), prepared);
    }
}
