package io.tableos.services.fs;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Metadata changes (chmod, chown, utimens), extended attributes, statfs and the file system's settings. */
final class Attributes {
    /** What statfs reports as the size of a file system without a quota. */
    static final long UNLIMITED_BYTES = 1L << 50;

    private final FsCall call;

    Attributes(FsCall call) {
        this.call = call;
    }

    void chmod(Inode inode, int mode) {
        call.ctx.update("UPDATE fs.inodes SET mode = $2, ctime = $3 WHERE ino = $1", inode.ino(), mode & 07777, call.now);
    }

    /** A null id keeps the current one (chown's -1). */
    void chown(Inode inode, Integer uid, Integer gid) {
        call.ctx.update("UPDATE fs.inodes SET uid = $2, gid = $3, ctime = $4 WHERE ino = $1", inode.ino(),
                uid == null || uid < 0 ? inode.uid() : uid, gid == null || gid < 0 ? inode.gid() : gid, call.now);
    }

    /** A null time is now (utimensat's UTIME_NOW). */
    void utimens(Inode inode, OffsetDateTime atime, OffsetDateTime mtime) {
        call.ctx.update("UPDATE fs.inodes SET atime = $2, mtime = $3, ctime = $4 WHERE ino = $1", inode.ino(),
                atime == null ? call.now : atime, mtime == null ? call.now : mtime, call.now);
    }

    void setXattr(Inode inode, String path, String name, byte[] value) {
        checkXattrName(name, path);
        if (value.length > Limits.XATTR_VALUE_BYTES_MAX) throw Errno.ENOSPC.error(path + " (xattr value over " + Limits.XATTR_VALUE_BYTES_MAX + " bytes)");
        boolean exists = getXattr(inode, name) != null;
        if (!exists && ((Number) call.ctx.query("SELECT count(*) FROM fs.xattrs WHERE ino = $1", inode.ino()).get(0)[0]).longValue()
                >= Limits.XATTRS_PER_INODE_MAX) {
            throw Errno.ENOSPC.error(path + " (at most " + Limits.XATTRS_PER_INODE_MAX + " xattrs per inode)");
        }
        call.ctx.update("INSERT INTO fs.xattrs (ino, name, value) VALUES ($1, $2, $3) ON CONFLICT (ino, name)"
                + " DO UPDATE SET value = EXCLUDED.value", inode.ino(), name, value);
        call.touchChange(inode.ino());
    }

    byte[] getXattr(Inode inode, String name) {
        List<Object[]> rows = call.ctx.query("SELECT value FROM fs.xattrs WHERE ino = $1 AND name = $2", inode.ino(), name);
        return rows.isEmpty() ? null : (byte[]) rows.get(0)[0];
    }

    List<Object[]> listXattrs(Inode inode) {
        return new ArrayList<>(call.ctx.query("SELECT name FROM fs.xattrs WHERE ino = $1 ORDER BY name", inode.ino()));
    }

    void removeXattr(Inode inode, String path, String name) {
        if (call.ctx.update("DELETE FROM fs.xattrs WHERE ino = $1 AND name = $2", inode.ino(), name) == 0) {
            throw Errno.ENODATA.error(path + " " + name);
        }
        call.touchChange(inode.ino());
    }

    /** block_size, blocks, blocks_free, files, name_max, quota_bytes, used_bytes (blocks in block_size units). */
    Object[] statfs() {
        int blockSize = call.blockSize();
        long total = call.quotaBytes() == null ? UNLIMITED_BYTES : call.quotaBytes();
        long used = call.usedBytes();
        return new Object[] {blockSize, total / blockSize, Math.max(0, total - used) / blockSize, call.inodes(),
                Limits.NAME_BYTES_MAX, call.quotaBytes(), used};
    }

    void setBlockSize(int bytes) {
        if (bytes < Limits.BLOCK_BYTES_MIN || bytes > Limits.BLOCK_BYTES_MAX) {
            throw Errno.EINVAL.error("block size must be " + Limits.BLOCK_BYTES_MIN + " to " + Limits.BLOCK_BYTES_MAX + " bytes");
        }
        if (!call.ctx.query("SELECT ino FROM fs.blocks LIMIT 1").isEmpty()) {
            throw Errno.EBUSY.error("the block size changes only while no file holds data");
        }
        call.setBlockSize(bytes);
    }

    void setQuota(Long bytes) {
        if (bytes != null && bytes < 0) throw Errno.EINVAL.error("quota must be at least 0 bytes");
        call.setQuota(bytes);
    }

    private static void checkXattrName(String name, String path) {
        if (name == null || name.isEmpty()) throw Errno.EINVAL.error(path);
        if (name.getBytes(StandardCharsets.UTF_8).length > Limits.XATTR_NAME_BYTES_MAX) throw Errno.ENAMETOOLONG.error(name);
    }
}
