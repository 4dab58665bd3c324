package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FsClientPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * An open file: addressed by inode number, so it keeps reaching its file across renames.
 * Sequential writes gather in a buffer of {@value #CHUNK_BYTES} bytes, sent as one fs.pwrite
 * when full, when the position jumps, before a read or size query, and at close; reads fetch
 * {@value #CHUNK_BYTES} bytes ahead. So a channel holds at most two chunks, however large the
 * file, and a write is on the server (committed on a majority) once close returns.
 */
final class TableosChannel implements SeekableByteChannel {
    /** Bytes per fs.pwrite / fs.pread call (at most the server's per-call limits). */
    static final int CHUNK_BYTES = 1 << 20;

    private final FsClientPool clients;
    private final long ino;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private long position;
    private boolean open = true;

    private final byte[] pending;
    private int pendingBytes;
    private long pendingAt;

    private byte[] ahead = new byte[0];
    private long aheadAt;

    TableosChannel(FsClientPool clients, long ino, boolean readable, boolean writable, boolean append) {
        this.clients = clients;
        this.ino = ino;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.pending = writable ? new byte[CHUNK_BYTES] : new byte[0];
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        checkOpen();
        if (!readable) throw new NonReadableChannelException();
        flush();
        if (!dst.hasRemaining()) return 0;
        if (position < aheadAt || position >= aheadAt + ahead.length) {
            long at = position;
            ahead = clients.call(c -> c.pread(ino, at, CHUNK_BYTES));
            aheadAt = at;
            if (ahead.length == 0) return -1;
        }
        int from = (int) (position - aheadAt);
        int n = Math.min(dst.remaining(), ahead.length - from);
        dst.put(ahead, from, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        checkOpen();
        if (!writable) throw new NonWritableChannelException();
        if (append && pendingBytes == 0) position = size();
        if (pendingBytes > 0 && position != pendingAt + pendingBytes) flush();
        if (pendingBytes == 0) pendingAt = position;
        ahead = new byte[0];
        int written = 0;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), pending.length - pendingBytes);
            src.get(pending, pendingBytes, n);
            pendingBytes += n;
            written += n;
            position += n;
            if (pendingBytes == pending.length) flush();
            if (pendingBytes == 0) pendingAt = position;
        }
        return written;
    }

    private void flush() throws IOException {
        if (pendingBytes == 0) return;
        byte[] data = java.util.Arrays.copyOf(pending, pendingBytes);
        long at = pendingAt;
        clients.call(c -> c.pwrite(ino, at, data));
        pendingBytes = 0;
    }

    @Override
    public long position() throws IOException {
        checkOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) throw new IllegalArgumentException("negative position");
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        checkOpen();
        flush();
        return clients.call(c -> c.istat(ino)).size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        checkOpen();
        if (!writable) throw new NonWritableChannelException();
        if (size < 0) throw new IllegalArgumentException("negative size");
        flush();
        if (size < size()) clients.call(c -> {
            c.ftruncate(ino, size);
            return null;
        });
        ahead = new byte[0];
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        if (!open) return;
        try {
            flush();
        } finally {
            open = false;
        }
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) throw new ClosedChannelException();
    }
}
