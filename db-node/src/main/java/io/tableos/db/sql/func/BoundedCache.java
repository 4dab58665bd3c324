package io.tableos.db.sql.func;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of compiled patterns with at most {@code capacity} entries. When full it
 * is cleared wholesale: patterns come from statement text and parameters, so a client could
 * otherwise grow it without bound, and recompiling after a clear is cheap. A hit allocates
 * nothing.
 */
public final class BoundedCache<K, V> {
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int capacity;

    public BoundedCache(int capacity) {
        this.capacity = capacity;
    }

    public V get(K key, Function<K, V> compile) {
        return get(key, v -> true, compile);
    }

    /** As {@link #get(Object, Function)}, compiling again when the kept value is no longer {@code fresh}. */
    public V get(K key, java.util.function.Predicate<V> fresh, Function<K, V> compile) {
        V v = map.get(key);
        if (v != null && fresh.test(v)) return v;
        v = compile.apply(key);
        if (map.size() >= capacity) map.clear();
        map.put(key, v);
        return v;
    }
}
