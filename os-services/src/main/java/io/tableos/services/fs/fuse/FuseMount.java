package io.tableos.services.fs.fuse;

import io.tableos.services.fs.client.FsClientPool;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mounts a cluster's file system at a directory (libfuse2 through jnr-fuse) and unmounts it.
 * libfuse's loop runs on a thread of its own until the mount goes (umount, fusermount -u or
 * {@link #close()}); {@link #mount} returns once libfuse has started the session.
 * Options: the kernel checks permissions from the modes we report ({@code default_permissions}),
 * writes arrive in up to 128 KiB pieces ({@code big_writes}), inode numbers are ours
 * ({@code use_ino}: hard links show as one file), attributes are never cached
 * ({@code attr_timeout=0}: a link count or size changed through another name, mount or client
 * shows at once; names are cached for libfuse's default second), and the mount shows as
 * {@code tableos} in /proc/mounts.
 */
public final class FuseMount implements AutoCloseable {
    static final String[] OPTIONS = {"-o", "default_permissions", "-o", "big_writes", "-o", "max_write=131072",
        "-o", "use_ino", "-o", "attr_timeout=0", "-o", "fsname=tableos", "-o", "subtype=tableos"};
    /** How long mounting may take before it counts as failed. */
    static final long MOUNT_TIMEOUT_SECONDS = 30;

    private final TableosFuse fuse;
    private final FsClientPool clients;
    private final Thread loop;

    private FuseMount(TableosFuse fuse, FsClientPool clients, Thread loop) {
        this.fuse = fuse;
        this.clients = clients;
        this.loop = loop;
    }

    public static FuseMount mount(Path mountPoint, FsClientPool clients) throws Exception {
        TableosFuse fuse = new TableosFuse(clients);
        Thread loop = new Thread(() -> {
            try {
                fuse.mount(mountPoint, true, false, OPTIONS);
            } catch (RuntimeException e) {
                fuse.serving.completeExceptionally(e);
            } finally {
                fuse.serving.completeExceptionally(new IllegalStateException("libfuse ended before serving " + mountPoint));
            }
        }, "tableos-fuse");
        loop.setDaemon(true);
        loop.start();
        try {
            fuse.serving.get(MOUNT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            clients.close();
            throw new IllegalStateException("cannot mount at " + mountPoint + ": " + e.getMessage(), e);
        }
        return new FuseMount(fuse, clients, loop);
    }

    /** Returns when the file system is unmounted (by anyone). */
    public void awaitUnmounted() throws InterruptedException {
        loop.join();
    }

    @Override
    public void close() {
        try {
            fuse.umount();
        } finally {
            clients.close();
        }
    }
}
