package io.tableos.db.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One storage's background thread that moves the entries of a map that outgrew its Chronicle
 * Map into a bigger one ({@link GrowingMap#moveIntoBiggerMap}: a table's rows, or its large
 * rows' chunks), and closes the maps left behind once no reader can be inside them any more.
 *
 * <p>Why: Chronicle Map is sized at creation; past that it chains extra tiers per segment and
 * every lookup walks them. pgbench's 1 M-row accounts table in a map sized for 64 Ki rows ran
 * TPC-B (8 clients, one node) at 1,801 / 2,535 TPS against 2,223 / 3,169 in one sized right
 * (alternating runs, loaded machine): the apply thread and the row reads of every UPDATE walk
 * the tiers.
 *
 * <p>The thread starts on the first growth and ends when idle, so a storage with small tables
 * costs no thread. A retired map is closed {@link ChronicleStorage#RETIRED_GRACE_NANOS} after
 * the last reader could have found it, the same grace retired table stores get.
 */
final class MapGrower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MapGrower.class);

    private final java.util.concurrent.atomic.AtomicInteger failedMoves = new java.util.concurrent.atomic.AtomicInteger();
    /** Maps waiting out their grace. */
    private final Set<ChronicleMap<byte[], byte[]>> retired = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tableos-map-grower");
        t.setDaemon(true);
        return t;
    });

    MapGrower() {
        thread.setKeepAliveTime(10, TimeUnit.SECONDS);
        thread.allowCoreThreadTimeOut(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues moving {@code map}'s entries into a bigger map; {@code map} asks once per growth. */
    void grow(GrowingMap map) {
        try {
            thread.execute(() -> {
                try {
                    map.moveIntoBiggerMap();
                } catch (RuntimeException | Error e) {
                    // Entries stay readable and writable in the tiered map: slower, never lost.
                    failedMoves.incrementAndGet();
                    LOG.warn("could not move a map's entries into a bigger map; it keeps its tiered map", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The storage is closing: nothing to grow.
        }
    }

    /** Waits until the moves queued before the call are done (tests). */
    void awaitQueued() throws InterruptedException, java.util.concurrent.ExecutionException {
        thread.submit(() -> {}).get();
    }

    /** Moves that failed (tests). */
    int failedMoves() {
        return failedMoves.get();
    }

    /** Maps waiting out their grace (tests). */
    int retiredCount() {
        synchronized (retired) {
            return retired.size();
        }
    }

    /** Closes {@code map}, which no {@link GrowingMap} refers to any more, after the grace. */
    void closeLater(ChronicleMap<byte[], byte[]> map) {
        synchronized (retired) {
            retired.add(map);
        }
        try {
            thread.schedule(() -> closeRetired(map), ChronicleStorage.RETIRED_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            closeRetired(map); // the storage is closing: its readers are done
        }
    }

    private void closeRetired(ChronicleMap<byte[], byte[]> map) {
        synchronized (retired) {
            if (!retired.remove(map)) return;
        }
        map.close();
    }

    /** Stops growing (a move in progress ends at its next batch) and closes the retired maps now, as the storage closes its tables. */
    @Override
    public void close() {
        thread.shutdownNow();
        List<ChronicleMap<byte[], byte[]>> left;
        synchronized (retired) {
            left = new ArrayList<>(retired);
        }
        left.forEach(this::closeRetired);
    }
}
