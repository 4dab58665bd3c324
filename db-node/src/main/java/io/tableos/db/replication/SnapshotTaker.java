package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.SnapshotCut;
import io.tableos.db.storage.Storage;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the state machine's snapshots without stopping applies: on the apply thread only a
 * {@link SnapshotCut} of the state at the last applied index (cheap), then one background
 * thread writes the file, its MD5, fsyncs the directory and publishes it as the latest
 * snapshot. What Ratis is told is always a completed, durable snapshot's index.
 *
 * <p>How this fits Ratis 3.3.0 (StateMachineUpdater): after every batch of applied entries
 * it calls {@code takeSnapshot} while (applied - its snapshot index) >= the auto-trigger
 * threshold, then purges the log up to the returned index (never beyond: purging stops at
 * the minimum of that index and, by default, the followers' commit indexes), and a return
 * of -1 purges nothing. Its snapshot index advances only to what we return, so while a
 * write runs it calls {@link #takeInBackground} after every batch: that path stays O(1)
 * ({@link SnapshotFiles} also skips Ratis's clean-up then). A completed snapshot newer than
 * the last index returned is returned before another write starts, so Ratis catches up
 * and snapshots do not run back to back.
 *
 * <p>Threads: {@link #takeInBackground}, {@link #takeNow} and {@link #cancel} run on the
 * apply thread (or with applies stopped: pause, close); the write and publish run on the
 * writer thread.
 */
final class SnapshotTaker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);

    private final Storage storage;
    private final Catalog catalog;
    private final SnapshotFiles files;
    private ExecutorService writer;
    private Running running;
    /** The last index returned to Ratis. */
    private long reportedIndex = -1;

    /** A background write: its cut and the task that writes and publishes it. */
    private record Running(TermIndex at, SnapshotCut cut, Future<?> task) {}

    SnapshotTaker(Storage storage, Catalog catalog, SnapshotFiles files) {
        this.storage = storage;
        this.catalog = catalog;
        this.files = files;
    }

    /**
     * Ratis's automatic trigger: returns the latest completed snapshot's index (-1: none)
     * and starts a background write of the state at {@code applied} when none runs and the
     * caller already knows the latest completed index.
     */
    synchronized long takeInBackground(TermIndex applied) throws IOException {
        long completed = files.latestIndex();
        if (completed > reportedIndex || completed >= applied.getIndex()) return report(completed);
        if (running == null || running.task().isDone()) start(applied);
        return completed;
    }

    /**
     * Explicit snapshots and the one at stop: returns once a snapshot of the state at
     * {@code applied} is durable. A background write of an older state is cancelled first
     * (the write here supersedes it).
     */
    synchronized long takeNow(TermIndex applied) throws IOException {
        cancel();
        long completed = files.latestIndex();
        if (completed >= applied.getIndex()) return report(completed);
        File file = files.getSnapshotFile(applied.getTerm(), applied.getIndex());
        try (SnapshotCut cut = storage.beginSnapshot(catalog, file.toPath())) {
            cut.write();
        }
        publish(file, applied);
        return report(applied.getIndex());
    }

    /** The latest completed snapshot's index (-1: none), reported to Ratis as such. */
    synchronized long latestCompleted() {
        return report(files.latestIndex());
    }

    /** True while a background write (or its publishing) runs. */
    synchronized boolean writing() {
        return running != null && !running.task().isDone();
    }

    /** Tests: waits until the running background write (if any) has finished or failed. */
    void awaitBackgroundWrite() throws InterruptedException {
        Running r;
        synchronized (this) {
            r = running;
        }
        if (r == null) return;
        try {
            r.task().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops a running background write (one not written yet leaves no snapshot) and waits for its thread. */
    synchronized void cancel() {
        Running r = running;
        if (r == null) return;
        running = null;
        r.cut().close();
        try {
            r.task().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("background snapshot at {} failed", r.at(), e.getCause());
        }
    }

    private long report(long index) {
        reportedIndex = Math.max(reportedIndex, index);
        return index;
    }

    private void start(TermIndex applied) throws IOException {
        File file = files.getSnapshotFile(applied.getTerm(), applied.getIndex());
        SnapshotCut cut = storage.beginSnapshot(catalog, file.toPath());
        try {
            Future<?> task = writerThread().submit(() -> writeAndPublish(cut, file, applied));
            running = new Running(applied, cut, task);
        } catch (RuntimeException e) {
            cut.close();
            throw e;
        }
    }

    private void writeAndPublish(SnapshotCut cut, File file, TermIndex applied) {
        try {
            try {
                cut.write();
            } finally {
                cut.close(); // release before-images and unblock DDL before the MD5 pass
            }
            publish(file, applied);
        } catch (IOException | RuntimeException e) {
            // The log stays unpurged past the last completed snapshot; the next trigger retries.
            LOG.warn("background snapshot at {} not completed: {}", applied, e.toString());
        }
    }

    /** Makes a written snapshot file the latest snapshot: MD5 file, directory fsync, then Ratis's record. */
    private void publish(File file, TermIndex applied) throws IOException {
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        syncDirectory(file.toPath().getParent());
        files.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied));
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private ExecutorService writerThread() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "snapshot-writer");
                t.setDaemon(true);
                return t;
            });
        }
        return writer;
    }

    @Override
    public synchronized void close() {
        cancel();
        if (writer != null) writer.shutdown();
        writer = null;
    }
}
