package io.tableos.db.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.TableDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@link SnapshotCut} of a {@link ChronicleStorage}. Capturing (apply thread) serializes the
 * catalog, copies the sequence values, freezes each table's primary-key set
 * ({@link PackedKeySet#frozenCopy()}, copy-on-write chunks) and switches each table store
 * into before-image mode; all of it is proportional to the number of tables and key-set
 * chunks, not rows. Secondary indexes need nothing: the snapshot format holds rows only
 * and loading rebuilds the indexes.
 *
 * <p>Closing waits for a running {@link #write()} to stop (the {@link #writing} lock)
 * before it switches the stores back, because until then the writer relies on the apply
 * thread saving before-images.
 */
final class ChronicleSnapshotCut implements SnapshotCut {
    private final Path file;
    private final byte[] catalogPayload;
    private final Map<Long, Long> sequenceValues;
    private final List<FrozenTable> tables;
    private final List<ChronicleTableStore> stores;
    private final AtomicLong beforeImageCount;
    private final CountDownLatch closed;
    private final Consumer<ChronicleSnapshotCut> onClosed;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closing;
    private boolean written;

    private ChronicleSnapshotCut(Path file, byte[] catalogPayload, Map<Long, Long> sequenceValues, List<FrozenTable> tables,
                                 List<ChronicleTableStore> stores, AtomicLong beforeImageCount, CountDownLatch closed,
                                 Consumer<ChronicleSnapshotCut> onClosed) {
        this.file = file;
        this.catalogPayload = catalogPayload;
        this.sequenceValues = sequenceValues;
        this.tables = tables;
        this.stores = stores;
        this.beforeImageCount = beforeImageCount;
        this.closed = closed;
        this.onClosed = onClosed;
    }

    /** Apply thread only (or with applies paused): the storage's state now, in catalog table order. */
    static ChronicleSnapshotCut capture(Catalog catalog, Map<Long, ChronicleTableStore> tableStores, Map<Long, Long> sequences,
                                        Path file, Consumer<ChronicleSnapshotCut> onClosed) throws IOException {
        byte[] catalogPayload = SnapshotWriter.catalogPayload(catalog);
        AtomicLong count = new AtomicLong();
        CountDownLatch closed = new CountDownLatch(1);
        List<FrozenTable> frozen = new ArrayList<>();
        List<ChronicleTableStore> stores = new ArrayList<>();
        for (TableDef def : catalog.tables()) {
            ChronicleTableStore store = tableStores.get(def.id());
            if (store == null) continue;
            PackedKeySet keys = store.primaryKeys.frozenCopy();
            SnapshotBeforeImages images = new SnapshotBeforeImages(keys, count, closed);
            frozen.add(new FrozenTable(store, keys, images));
            stores.add(store);
            store.beforeImages = images;
        }
        return new ChronicleSnapshotCut(file, catalogPayload, Map.copyOf(sequences), frozen, stores, count, closed, onClosed);
    }

    @Override
    public long write() throws IOException {
        writing.lock();
        try {
            if (closing) throw new IOException("snapshot cut for " + file + " was closed before it was written");
            if (written) throw new IllegalStateException("snapshot cut for " + file + " written twice");
            written = true;
            return SnapshotWriter.write(catalogPayload, sequenceValues, tables, file, () -> closing);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void close() {
        closing = true; // a running write() stops at its next row
        writing.lock();
        try {
            if (closed.getCount() == 0) return;
            for (ChronicleTableStore store : stores) store.beforeImages = null;
            onClosed.accept(this);
            closed.countDown();
        } finally {
            writing.unlock();
        }
    }

    /** Apply thread: waits until the cut is closed (DDL and TRUNCATE, which would change what the writer reads). */
    void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a snapshot write to finish", e);
        }
    }

    long beforeImageCount() {
        return beforeImageCount.get();
    }
}
