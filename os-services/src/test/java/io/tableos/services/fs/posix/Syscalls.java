package io.tableos.services.fs.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The system calls the POSIX cases make, straight into the host's libc (jnr-ffi, which the
 * FUSE binding brings), so each reports the errno the kernel and the file system gave, as
 * pjdfstest's fstest tool does. Each call returns 0 or a positive errno. {@link #asUser} runs a
 * call with another filesystem uid and gid on this thread only (setfsuid/setfsgid are per
 * thread; leaving uid 0 drops the thread's file capabilities, so the kernel checks permissions
 * as for that user; the supplementary groups stay this process's). Linux on x86_64 only: the
 * stat layout and the flag values are that ABI's.
 */
final class Syscalls {
    /** libc's functions as the cases call them. */
    public interface LibC {
        @SaveError int open(String path, int flags, int mode);
        @SaveError int close(int fd);
        @SaveError long write(int fd, byte[] data, long length);
        @SaveError int mkdir(String path, int mode);
        @SaveError int rmdir(String path);
        @SaveError int unlink(String path);
        @SaveError int rename(String from, String to);
        @SaveError int link(String existing, String path);
        @SaveError int symlink(String target, String path);
        @SaveError long readlink(String path, @Out byte[] buffer, long size);
        @SaveError int chmod(String path, int mode);
        @SaveError int chown(String path, int uid, int gid);
        @SaveError int lchown(String path, int uid, int gid);
        @SaveError int truncate(String path, long length);
        @SaveError int mknod(String path, int mode, long device);
        @SaveError int utimensat(int directory, String path, long[] times, int flags);
        @SaveError int lstat(String path, @Out byte[] stat);
        int setfsuid(int uid);
        int setfsgid(int gid);
    }

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** sizeof(struct stat) on x86_64. */
    private static final int STAT_BYTES = 144;
    private static final int READLINK_BYTES_MAX = 8192;

    /** What lstat(2) reports, the fields the cases compare. */
    record Stat(int mode, long nlink, int uid, int gid, long size, long atime, long mtime) {
        static final int S_IFMT = 0170000;

        String type() {
            return switch (mode & S_IFMT) {
                case 0100000 -> "regular";
                case 0040000 -> "dir";
                case 0120000 -> "symlink";
                case 0010000 -> "fifo";
                case 0140000 -> "socket";
                case 0020000 -> "char";
                case 0060000 -> "block";
                default -> "unknown";
            };
        }
    }

    private final LibC libc;
    private final Runtime runtime;

    Syscalls() {
        this.libc = LibraryLoader.create(LibC.class).load("c");
        this.runtime = Runtime.getRuntime(libc);
    }

    LibC libc() {
        return libc;
    }

    /** 0 when {@code result} is not negative, else the errno the call left. */
    int errno(long result) {
        return result < 0 ? runtime.getLastError() : 0;
    }

    /** Opens and closes at once: the result of open(2) with {@code flags} and {@code mode}. */
    int open(String path, int flags, int mode) {
        int fd = libc.open(path, flags, mode);
        if (fd < 0) return runtime.getLastError();
        libc.close(fd);
        return 0;
    }

    /** Opens for writing, writes {@code text} at the start, closes: the first errno met, or 0. */
    int write(String path, String text) {
        int fd = libc.open(path, 1, 0);  // O_WRONLY
        if (fd < 0) return runtime.getLastError();
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int result = errno(libc.write(fd, data, data.length));
        libc.close(fd);
        return result;
    }

    /** readlink(2)'s target, or null with {@code errno[0]} set. */
    String readlink(String path, int[] errno) {
        byte[] buffer = new byte[READLINK_BYTES_MAX];
        long n = libc.readlink(path, buffer, buffer.length);
        if (n < 0) {
            errno[0] = runtime.getLastError();
            return null;
        }
        return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
    }

    /** lstat(2), or null with {@code errno[0]} set. */
    Stat lstat(String path, int[] errno) {
        byte[] raw = new byte[STAT_BYTES];
        if (libc.lstat(path, raw) < 0) {
            errno[0] = runtime.getLastError();
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return new Stat(b.getInt(24), b.getLong(16), b.getInt(28), b.getInt(32), b.getLong(48), b.getLong(72), b.getLong(88));
    }

    /** utimensat(2) with whole seconds. */
    int utimens(String path, long atime, long mtime, boolean noFollow) {
        return errno(libc.utimensat(AT_FDCWD, path, new long[] {atime, 0, mtime, 0}, noFollow ? AT_SYMLINK_NOFOLLOW : 0));
    }

    interface Call {
        int run();
    }

    /** Runs {@code call} with filesystem ids {@code uid}/{@code gid} on this thread, then root's again. */
    int asUser(int uid, int gid, Call call) {
        libc.setfsgid(gid);
        libc.setfsuid(uid);
        try {
            return call.run();
        } finally {
            libc.setfsuid(0);
            libc.setfsgid(0);
        }
    }
}
