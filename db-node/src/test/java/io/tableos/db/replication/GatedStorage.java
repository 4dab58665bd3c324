package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.SnapshotCut;
import io.tableos.db.storage.Storage;
import io.tableos.db.storage.TableStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Storage} whose snapshot cuts, when written, first report that the writer arrived
 * and then wait for {@link #openGate()}: lets tests prove that takeSnapshot returned while
 * the writer was still blocked. Closing a cut opens the gate (a cancelled write must end).
 */
final class GatedStorage implements Storage {
    private final Storage delegate;
    final CountDownLatch writerArrived = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger cutsBegun = new AtomicInteger();

    GatedStorage(Storage delegate) {
        this.delegate = delegate;
    }

    void openGate() {
        gate.countDown();
    }

    @Override
    public SnapshotCut beginSnapshot(Catalog catalog, Path file) throws IOException {
        SnapshotCut cut = delegate.beginSnapshot(catalog, file);
        cutsBegun.incrementAndGet();
        return new SnapshotCut() {
            @Override
            public long write() throws IOException {
                writerArrived.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return cut.write();
            }

            @Override
            public void close() {
                cut.close();
                openGate();
            }
        };
    }

    @Override
    public TableStore table(long tableId) {
        return delegate.table(tableId);
    }

    @Override
    public TableStore createTable(TableDef def) {
        return delegate.createTable(def);
    }

    @Override
    public TableStore alterTable(TableDef newDef, Object[] fillValues, java.util.List<io.tableos.db.storage.ColumnConversion> conversions) {
        return delegate.alterTable(newDef, fillValues, conversions);
    }

    @Override
    public TableStore alterTableKeeping(TableDef newDef, java.util.List<io.tableos.db.storage.ColumnConversion> conversions, TableDef kept) {
        return delegate.alterTableKeeping(newDef, conversions, kept);
    }

    @Override
    public TableStore restoreKept(TableDef restored, long keptTableId) {
        return delegate.restoreKept(restored, keptTableId);
    }

    @Override
    public void dropTable(long tableId) {
        delegate.dropTable(tableId);
    }

    @Override
    public long sequenceValue(long sequenceId) {
        return delegate.sequenceValue(sequenceId);
    }

    @Override
    public void setSequenceValue(long sequenceId, long value) {
        delegate.setSequenceValue(sequenceId, value);
    }

    @Override
    public void dropSequence(long sequenceId) {
        delegate.dropSequence(sequenceId);
    }

    @Override
    public long writeSnapshot(Catalog catalog, Path file) throws IOException {
        return delegate.writeSnapshot(catalog, file);
    }

    @Override
    public long snapshotBeforeImageCount() {
        return delegate.snapshotBeforeImageCount();
    }

    @Override
    public void loadSnapshot(Catalog catalog, Path file) throws IOException {
        delegate.loadSnapshot(catalog, file);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
