package io.tableos.db.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A Chronicle Map of byte arrays that stays sized for its entries: when they exceed the
 * entries it was created for (past which Chronicle chains slower tiers), the
 * {@link MapGrower} moves them into a map {@link #GROWTH} times bigger while reads and
 * writes go on. One writer, any number of readers; readers never lock.
 *
 * <p>Invariant: an entry is in exactly one of the {@link Generation}'s maps. Entries move
 * (and writes land) by a put into the current map followed by a remove from the draining
 * one, under the write lock; readers read the draining map first, then the current one, so
 * they never miss an entry, and one whose generation was replaced under a miss asks again.
 */
final class GrowingMap implements AutoCloseable {
    /** An outgrown map is replaced by one this many times its entries. */
    static final int GROWTH = 4;
    /** Entries moved per hold of the write lock: ~100 us the writer may wait. */
    static final int MOVE_BATCH = 64;

    /**
     * {@code current} takes every write; while entries move into it from the smaller map it
     * replaced, that one is {@code draining} (entries only leave it).
     */
    private record Generation(ChronicleMap<byte[], byte[]> current, ChronicleMap<byte[], byte[]> draining) {}

    /** A new map for a number of entries. */
    private final LongFunction<ChronicleMap<byte[], byte[]>> mapFor;
    /** Null: the map never grows (it tiers instead). */
    private final MapGrower grower;
    private volatile Generation maps;
    /**
     * Held by the writer for every change and by the grower for each batch it moves, so an
     * entry moves between two writes, never during one.
     */
    private final ReentrantLock writeLock = new ReentrantLock();
    // Guarded by writeLock:
    /** Entries the current map was created for. */
    private long capacity;
    private long size;
    private boolean growing;
    private boolean closed;

    GrowingMap(LongFunction<ChronicleMap<byte[], byte[]>> mapFor, long entries, MapGrower grower) {
        this.mapFor = mapFor;
        this.maps = new Generation(mapFor.apply(entries), null);
        this.capacity = entries;
        this.grower = grower;
    }

    /** The value, or null. Any thread. */
    byte[] get(byte[] key) {
        Generation g = maps;
        while (true) {
            if (g.draining != null) {
                byte[] value = g.draining.get(key);
                if (value != null) return value;
            }
            byte[] value = g.current.get(key);
            if (value != null) return value;
            Generation now = maps;
            if (now == g) return null;
            g = now;
        }
    }

    /** Writer only. Returns the value replaced, or null. */
    byte[] put(byte[] key, byte[] value) {
        writeLock.lock();
        try {
            Generation g = maps;
            byte[] old = g.current.put(key, value);
            if (old == null && g.draining != null) old = g.draining.remove(key);
            if (old == null && ++size > capacity && !growing && grower != null) {
                growing = true;
                grower.grow(this);
            }
            return old;
        } finally {
            writeLock.unlock();
        }
    }

    /** Writer only. Returns the value removed, or null. */
    byte[] remove(byte[] key) {
        writeLock.lock();
        try {
            Generation g = maps;
            byte[] old = g.current.remove(key);
            if (old == null && g.draining != null) old = g.draining.remove(key);
            if (old != null) size--;
            return old;
        } finally {
            writeLock.unlock();
        }
    }

    /** Writer only. */
    void clear() {
        writeLock.lock();
        try {
            Generation g = maps;
            g.current.clear();
            if (g.draining != null) g.draining.clear();
            size = 0;
        } finally {
            writeLock.unlock();
        }
    }

    long size() {
        writeLock.lock();
        try {
            return size;
        } finally {
            writeLock.unlock();
        }
    }

    /** Off-heap bytes of the maps (Chronicle's own count). */
    long offHeapMemoryUsed() {
        Generation g = maps;
        return g.current.offHeapMemoryUsed() + (g.draining == null ? 0 : g.draining.offHeapMemoryUsed());
    }

    /** Entries the current map was created for (tests). */
    long capacity() {
        writeLock.lock();
        try {
            return capacity;
        } finally {
            writeLock.unlock();
        }
    }

    /** True while entries move into a bigger map (tests). */
    boolean moving() {
        return maps.draining != null;
    }

    /**
     * Grower thread: makes a map {@link #GROWTH} times the entries, makes it the current one
     * and moves the entries over in batches of {@link #MOVE_BATCH}; the smaller map is closed
     * after the readers' grace ({@link MapGrower#closeLater}).
     */
    void moveIntoBiggerMap() {
        long entries;
        writeLock.lock();
        try {
            if (closed) return;
            entries = Math.max(size, capacity) * GROWTH;
        } finally {
            writeLock.unlock();
        }
        ChronicleMap<byte[], byte[]> bigger = mapFor.apply(entries); // unlocked: sizing a big map takes a while
        ChronicleMap<byte[], byte[]> smaller;
        writeLock.lock();
        try {
            if (closed) {
                bigger.close();
                return;
            }
            smaller = maps.current;
            maps = new Generation(bigger, smaller);
            capacity = entries;
        } finally {
            writeLock.unlock();
        }
        // Nothing enters the smaller map any more, so passes over it end with it empty.
        while (!smaller.isEmpty()) {
            Iterator<byte[]> keys = smaller.keySet().iterator(); // a segment at a time: writes go on meanwhile
            List<byte[]> batch = new ArrayList<>(MOVE_BATCH);
            while (keys.hasNext()) {
                batch.clear();
                while (batch.size() < MOVE_BATCH && keys.hasNext()) batch.add(keys.next());
                if (!moveLocked(batch, smaller, bigger)) return;
            }
        }
        writeLock.lock();
        try {
            if (closed) {
                smaller.close();
                return;
            }
            maps = new Generation(bigger, null);
            growing = false;
        } finally {
            writeLock.unlock();
        }
        grower.closeLater(smaller);
    }

    /** Moves the entries of {@code keys} still in {@code smaller}; false (and {@code smaller} closed) once this map is closed. */
    private boolean moveLocked(List<byte[]> keys, ChronicleMap<byte[], byte[]> smaller, ChronicleMap<byte[], byte[]> bigger) {
        writeLock.lock();
        try {
            if (closed) {
                smaller.close(); // close() left it to the grower; the owner's grace is over
                return false;
            }
            for (byte[] key : keys) {
                byte[] value = smaller.get(key);
                if (value == null) continue; // written or removed since: the writer moved it
                bigger.put(key, value);
                smaller.remove(key);
            }
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** After the readers' grace: closes the map (a draining one is the grower's to close). */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) return;
            closed = true;
            maps.current.close();
        } finally {
            writeLock.unlock();
        }
    }
}
