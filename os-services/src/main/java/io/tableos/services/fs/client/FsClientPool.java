package io.tableos.services.fs.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code size} {@link FsClient}s (one connection each) shared by the threads of one
 * file system (an NIO FileSystem, a FUSE mount): a call borrows one, so concurrent users run
 * concurrent procedure calls.
 */
public final class FsClientPool implements AutoCloseable {
    public interface Call<T> {
        T run(FsClient client) throws IOException;
    }

    private final FsClient.Connector connector;
    private final long failoverMillis;
    private final int size;
    private final AtomicInteger created = new AtomicInteger();
    private final BlockingQueue<FsClient> idle;

    public FsClientPool(FsClient.Connector connector, long failoverMillis, int size) {
        if (size < 1) throw new IllegalArgumentException("a pool needs at least one connection");
        this.connector = connector;
        this.failoverMillis = failoverMillis;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    public <T> T call(Call<T> call) throws IOException {
        FsClient client = borrow();
        try {
            return call.run(client);
        } finally {
            idle.add(client);
        }
    }

    private FsClient borrow() throws IOException {
        FsClient client = idle.poll();
        if (client != null) return client;
        if (created.incrementAndGet() <= size) return new FsClient(connector, failoverMillis);
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a connection");
        }
    }

    @Override
    public void close() {
        for (FsClient c = idle.poll(); c != null; c = idle.poll()) c.close();
    }
}
