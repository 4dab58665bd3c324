package io.tableos.db.sql.engine;

import io.tableos.db.catalog.SearchPath;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plans shared by all sessions, keyed by statement text, declared parameter types, the search
 * path its unqualified names were resolved through, and the catalog version they were planned
 * against: DDL bumps the version, so stale plans are never found again and age out of the LRU.
 * A hit skips parsing and planning entirely.
 */
final class PlanCache {
    private record Key(String text, int[] declaredOids, long catalogVersion, SearchPath searchPath) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.catalogVersion == catalogVersion && k.text.equals(text)
                    && Arrays.equals(k.declaredOids, declaredOids) && k.searchPath.equals(searchPath);
        }

        @Override
        public int hashCode() {
            return (text.hashCode() * 31 + Arrays.hashCode(declaredOids)) * 31 + Long.hashCode(catalogVersion);
        }
    }

    private static final int[] NONE = new int[0];
    /**
     * Longer statements are planned every time instead of cached: they carry their values inline
     * (a statement may be 160 MB), and a few cached ones would pin hundreds of MB of heap.
     */
    static final int CACHED_STATEMENT_CHARS_MAX = 64 << 10;
    private final Map<Key, Prepared> entries;

    PlanCache(int entriesMax) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Prepared> eldest) {
                return size() > entriesMax;
            }
        };
    }

    synchronized Prepared get(String text, int[] declaredOids, long catalogVersion, SearchPath searchPath) {
        return entries.get(new Key(text, normalize(declaredOids), catalogVersion, searchPath));
    }

    synchronized void put(String text, int[] declaredOids, long catalogVersion, SearchPath searchPath, Prepared prepared) {
        if (text.length() > CACHED_STATEMENT_CHARS_MAX) return;
        entries.put(new Key(text, normalize(declaredOids).clone(), catalogVersion, searchPath), prepared);
    }

    synchronized int size() { return entries.size(); }

    /** Forgets every plan (new statistics may change the best one). */
    synchronized void clear() { entries.clear(); }

    /** Trailing unspecified (0) types mean the same as absent ones. */
    private static int[] normalize(int[] oids) {
        if (oids == null) return NONE;
        int n = oids.length;
        while (n > 0 && oids[n - 1] == 0) n--;
        return n == oids.length ? oids : Arrays.copyOf(oids, n);
    }
}
