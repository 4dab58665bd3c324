package io.tableos.services.fs.fuse;

import io.tableos.services.fs.Errno;
import io.tableos.services.fs.client.FileStat;
import io.tableos.services.fs.client.FsClient;
import io.tableos.services.fs.client.FsClientPool;
import io.tableos.services.fs.client.FsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * The file system as a FUSE mount (libfuse2's high-level API through jnr-fuse): each callback
 * is one or two fs procedure calls over a {@link FsClientPool}, whose clients reconnect across
 * failovers. Open files are addressed by inode number (the FUSE file handle), so they follow
 * renames; a directory handle keeps its readdir cursor (the last name read), so a directory of
 * millions is listed a page of {@value #READDIR_PAGE} names per call. Errors return the negated
 * Linux errno the server named (EIO for anything else). The kernel checks permissions
 * ({@code default_permissions}). Paths arrive resolved by the kernel: a callback never follows a
 * final symbolic link (chown and utimens of a link change the link, as lchown and lutimes do),
 * and what a callback creates belongs to the calling process's fsuid and fsgid.
 */
public final class TableosFuse extends FuseStubFS {
    static final int READDIR_PAGE = 1_000;
    /** st_blksize reported to programs: the buffer size cp and friends then use. */
    static final int IO_BLOCK_BYTES = 128 << 10;
    private static final int EIO = 5;
    private static final int O_ACCMODE = 3;
    private static final int O_TRUNC = 01000;
    private static final int O_EXCL = 0200;
    private static final long S_IFMT = 0170000;

    /** A directory being listed: names after {@code lastName} come next, at FUSE offset {@code offset}. */
    private record Cursor(long offset, String lastName) {}

    private final FsClientPool clients;
    /** Completed when libfuse's session starts: the mount serves from then on. */
    final java.util.concurrent.CompletableFuture<Void> serving = new java.util.concurrent.CompletableFuture<>();
    private final AtomicLong directoryHandles = new AtomicLong();
    private final Map<Long, Cursor> cursors = new ConcurrentHashMap<>();

    public TableosFuse(FsClientPool clients) {
        this.clients = clients;
    }

    @Override
    public Pointer init(Pointer conn) {
        serving.complete(null);
        return null;
    }

    private interface Call {
        int run(FsClient c) throws IOException;
    }

    /** Runs {@code call} on a pooled client; an errno from the server becomes its negation. */
    private int errno(Call call) {
        try {
            return clients.call(call::run);
        } catch (FsException e) {
            return -e.errno().number();
        } catch (IOException | RuntimeException e) {
            return -EIO;
        }
    }

    @Override
    public int getattr(String path, ru.serce.jnrfuse.struct.FileStat stat) {
        return errno(c -> fill(stat, c.stat(path, false)));
    }

    @Override
    public int fgetattr(String path, ru.serce.jnrfuse.struct.FileStat stat, FuseFileInfo fi) {
        return errno(c -> fill(stat, c.istat(fi.fh.get())));
    }

    private static int fill(ru.serce.jnrfuse.struct.FileStat st, FileStat s) {
        int type = s.isDirectory() ? ru.serce.jnrfuse.struct.FileStat.S_IFDIR
                : s.isSymlink() ? ru.serce.jnrfuse.struct.FileStat.S_IFLNK
                : s.kind().equals(FileStat.FIFO) ? ru.serce.jnrfuse.struct.FileStat.S_IFIFO
                : s.kind().equals(FileStat.SOCKET) ? ru.serce.jnrfuse.struct.FileStat.S_IFSOCK : ru.serce.jnrfuse.struct.FileStat.S_IFREG;
        st.st_mode.set(type | s.mode());
        st.st_ino.set(s.ino());
        st.st_nlink.set(s.nlink());
        st.st_uid.set(s.uid());
        st.st_gid.set(s.gid());
        st.st_size.set(s.size());
        st.st_blksize.set(IO_BLOCK_BYTES);
        st.st_blocks.set((s.size() + 511) / 512);
        time(st.st_atim, s.atime());
        time(st.st_mtim, s.mtime());
        time(st.st_ctim, s.ctime());
        return 0;
    }

    private static void time(Timespec t, Instant i) {
        t.tv_sec.set(i.getEpochSecond());
        t.tv_nsec.set(i.getNano());
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        return errno(c -> {
            byte[] target = c.readlink(path).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, size - 1);
            buf.put(0, target, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        });
    }

    @Override
    public int mkdir(String path, @mode_t long mode) {
        return errno(c -> {
            c.mkdir(path, (int) mode & 07777, caller());
            return 0;
        });
    }

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        return errno(c -> {
            fi.fh.set(c.create(path, (int) mode & 07777, caller(), (fi.flags.get() & O_EXCL) != 0));
            return 0;
        });
    }

    /**
     * mknod(2): a regular file (jnr-fuse's default would pass create a null file handle), a FIFO
     * or a socket (the kernel serves their I/O; we keep the name and attributes). Devices: EPERM,
     * which mknod(2) names for a type the file system does not support (no device numbers are kept).
     */
    @Override
    public int mknod(String path, @mode_t long mode, long rdev) {
        long type = mode & S_IFMT;
        String kind = type == ru.serce.jnrfuse.struct.FileStat.S_IFIFO ? FileStat.FIFO
                : type == ru.serce.jnrfuse.struct.FileStat.S_IFSOCK ? FileStat.SOCKET : null;
        if (type != ru.serce.jnrfuse.struct.FileStat.S_IFREG && kind == null) return -Errno.EPERM.number();
        return errno(c -> {
            if (kind == null) c.create(path, (int) mode & 07777, caller(), true);
            else c.mknod(path, kind, (int) mode & 07777, caller());
            return 0;
        });
    }

    /** The calling process's filesystem ids, which own what it creates (as a local file system would set them). */
    private FsClient.Owner caller() {
        ru.serce.jnrfuse.struct.FuseContext context = getContext();
        return new FsClient.Owner((int) context.uid.get(), (int) context.gid.get());
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return errno(c -> {
            FileStat stat = c.stat(path, true);
            if (stat.isDirectory() && (fi.flags.get() & O_ACCMODE) != 0) return -Errno.EISDIR.number();
            if ((fi.flags.get() & O_TRUNC) != 0 && (fi.flags.get() & O_ACCMODE) != 0) c.ftruncate(stat.ino(), 0);
            fi.fh.set(stat.ino());
            return 0;
        });
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return errno(c -> {
            byte[] data = c.pread(fi.fh.get(), offset, (int) Math.min(size, Integer.MAX_VALUE));
            buf.put(0, data, 0, data.length);
            return data.length;
        });
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return errno(c -> {
            byte[] data = new byte[(int) size];
            buf.get(0, data, 0, data.length);
            return (int) c.pwrite(fi.fh.get(), offset, data);
        });
    }

    @Override
    public int truncate(String path, @off_t long size) {
        return errno(c -> {
            c.truncate(path, size);
            return 0;
        });
    }

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        return errno(c -> {
            c.ftruncate(fi.fh.get(), size);
            return 0;
        });
    }

    /** Every write is committed on a majority when it returns: nothing is left to flush. */
    @Override
    public int flush(String path, FuseFileInfo fi) {
        return 0;
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return 0;
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return 0;
    }

    @Override
    public int unlink(String path) {
        return errno(c -> {
            c.unlink(path);
            return 0;
        });
    }

    @Override
    public int rmdir(String path) {
        return errno(c -> {
            c.rmdir(path);
            return 0;
        });
    }

    @Override
    public int symlink(String target, String path) {
        return errno(c -> {
            c.symlink(target, path, caller());
            return 0;
        });
    }

    @Override
    public int rename(String from, String to) {
        return errno(c -> {
            c.rename(from, to, false);
            return 0;
        });
    }

    @Override
    public int link(String existing, String path) {
        return errno(c -> {
            c.link(existing, path);
            return 0;
        });
    }

    @Override
    public int chmod(String path, @mode_t long mode) {
        return errno(c -> {
            c.chmod(path, (int) mode & 07777);
            return 0;
        });
    }

    /** -1 (all ones as an unsigned id) keeps the id. */
    @Override
    public int chown(String path, long uid, long gid) {
        Integer u = (int) uid == -1 ? null : (int) uid;
        Integer g = (int) gid == -1 ? null : (int) gid;
        return errno(c -> {
            c.chown(path, u, g, false);
            return 0;
        });
    }

    /** UTIME_NOW and UTIME_OMIT as Linux defines them in tv_nsec. */
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    @Override
    public int utimens(String path, Timespec[] timespec) {
        return errno(c -> {
            Instant atime = instant(timespec[0]);
            Instant mtime = instant(timespec[1]);
            if (atime == Instant.MIN || mtime == Instant.MIN) {
                FileStat now = c.stat(path, false);
                if (atime == Instant.MIN) atime = now.atime();
                if (mtime == Instant.MIN) mtime = now.mtime();
            }
            c.utimens(path, atime, mtime, false);
            return 0;
        });
    }

    /** null for UTIME_NOW (the server's now), Instant.MIN for UTIME_OMIT (keep). */
    private static Instant instant(Timespec t) {
        long nanos = t.tv_nsec.longValue();
        if (nanos == UTIME_NOW) return null;
        if (nanos == UTIME_OMIT) return Instant.MIN;
        return Instant.ofEpochSecond(t.tv_sec.get(), nanos);
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        return errno(c -> {
            FsClient.FsStats s = c.statfs();
            stbuf.f_bsize.set(s.blockSize());
            stbuf.f_frsize.set(s.blockSize());
            stbuf.f_blocks.set(s.blocks());
            stbuf.f_bfree.set(s.blocksFree());
            stbuf.f_bavail.set(s.blocksFree());
            stbuf.f_files.set(s.files());
            stbuf.f_ffree.set(Long.MAX_VALUE / 2 - s.files());
            stbuf.f_favail.set(Long.MAX_VALUE / 2 - s.files());
            stbuf.f_namemax.set(s.nameMax());
            return 0;
        });
    }

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        return errno(c -> {
            if (!c.stat(path, true).isDirectory()) return -Errno.ENOTDIR.number();
            long handle = directoryHandles.incrementAndGet();
            cursors.put(handle, new Cursor(0, null));
            fi.fh.set(handle);
            return 0;
        });
    }

    /**
     * Offsets: an entry's offset is its position plus one ("." 1, ".." 2, names from 3): the
     * offset the kernel passes back is the number of entries it has. A call continues from the cursor
     * when its offset is the cursor's (the usual sequential listing); any other offset (a seek
     * back, a rewind) lists again from the start, skipping to it.
     */
    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filter, @off_t long offset, FuseFileInfo fi) {
        long handle = fi.fh.get();
        return errno(c -> {
            Cursor cursor = cursors.get(handle);
            if (cursor == null || cursor.offset() != offset) cursor = new Cursor(0, null);
            long at = cursor.offset();  // entries passed so far: "." is entry 0, ".." entry 1, names from 2
            if (at == 0) {
                if (offset <= 0 && filter.apply(buf, ".", null, 1) != 0) return 0;
                at = 1;
            }
            if (at == 1) {
                if (offset <= 1 && filter.apply(buf, "..", null, 2) != 0) {
                    cursors.put(handle, new Cursor(1, null));
                    return 0;
                }
                at = 2;
            }
            String after = cursor.lastName();
            while (true) {
                List<FsClient.Entry> page = c.readdir(path, after, READDIR_PAGE);
                for (FsClient.Entry e : page) {
                    if (at >= offset && filter.apply(buf, e.name(), null, at + 1) != 0) {
                        cursors.put(handle, new Cursor(at, after));
                        return 0;
                    }
                    at++;
                    after = e.name();
                }
                if (page.size() < READDIR_PAGE) {
                    cursors.put(handle, new Cursor(at, after));
                    return 0;
                }
            }
        });
    }

    @Override
    public int releasedir(String path, FuseFileInfo fi) {
        cursors.remove(fi.fh.get());
        return 0;
    }

    @Override
    public int setxattr(String path, String name, Pointer value, @size_t long size, int flags) {
        return errno(c -> {
            byte[] data = new byte[(int) size];
            value.get(0, data, 0, data.length);
            c.setxattr(path, name, data);
            return 0;
        });
    }

    @Override
    public int getxattr(String path, String name, Pointer value, @size_t long size) {
        return errno(c -> {
            byte[] data = c.getxattr(path, name);
            if (size == 0) return data.length;
            if (size < data.length) return -34;  // ERANGE
            value.put(0, data, 0, data.length);
            return data.length;
        });
    }

    @Override
    public int listxattr(String path, Pointer list, @size_t long size) {
        return errno(c -> {
            java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
            for (String n : c.listxattr(path)) {
                names.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                names.write(0);
            }
            byte[] all = names.toByteArray();
            if (size == 0) return all.length;
            if (size < all.length) return -34;  // ERANGE
            list.put(0, all, 0, all.length);
            return all.length;
        });
    }

    @Override
    public int removexattr(String path, String name) {
        return errno(c -> {
            c.removexattr(path, name);
            return 0;
        });
    }
}
