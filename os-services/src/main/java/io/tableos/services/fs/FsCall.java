package io.tableos.services.fs;

import io.tableos.db.sql.exec.ProcedureContext;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The state of one procedure call: its context, the configuration row (read once, when first
 * needed) and the changes to it, written once by {@link #finish(Object)}. Every inode and byte count
 * change of a call goes through here, so {@code fs.config}'s used_bytes and inodes equal the
 * sums over {@code fs.inodes} after every call (the tests check it).
 */
final class FsCall {
    final ProcedureContext ctx;
    final OffsetDateTime now;
    private boolean loaded;
    private boolean locked;
    private int blockSize;
    private Long quotaBytes;
    private long usedBytes;
    private long inodes;
    private long nextIno;
    private boolean changed;

    FsCall(ProcedureContext ctx) {
        this.ctx = ctx;
        this.now = ctx.now();
    }

    private void load() {
        if (!loaded) read("");
    }

    /**
     * Before a change: inside a client's transaction block the row is locked (FOR UPDATE) and
     * read again, so two blocks that create or grow files serialize on it instead of
     * overwriting each other's counts; alone on the commit path the lock costs nothing.
     */
    private void loadForChange() {
        if (!locked) read(" FOR UPDATE");
        locked = true;
    }

    private void read(String lock) {
        Object[] r = ctx.query("SELECT block_size, quota_bytes, used_bytes, inodes, next_ino FROM fs.config WHERE id = 1" + lock).get(0);
        blockSize = ((Number) r[0]).intValue();
        quotaBytes = r[1] == null ? null : ((Number) r[1]).longValue();
        usedBytes = ((Number) r[2]).longValue();
        inodes = ((Number) r[3]).longValue();
        nextIno = ((Number) r[4]).longValue();
        loaded = true;
    }

    int blockSize() {
        load();
        return blockSize;
    }

    long usedBytes() {
        load();
        return usedBytes;
    }

    long inodes() {
        load();
        return inodes;
    }

    Long quotaBytes() {
        load();
        return quotaBytes;
    }

    /** A new inode's number; counts it in use. */
    long allocateInode() {
        loadForChange();
        changed = true;
        inodes++;
        return nextIno++;
    }

    void inodeFreed() {
        loadForChange();
        changed = true;
        inodes--;
    }

    /** Accounts a file growing or shrinking by {@code delta} bytes; ENOSPC past the quota (growth only). */
    void bytes(long delta, String path) {
        loadForChange();
        if (delta > 0 && quotaBytes != null && usedBytes + delta > quotaBytes) throw Errno.ENOSPC.error(path);
        changed = true;
        usedBytes += delta;
    }

    void setBlockSize(int bytes) {
        loadForChange();
        changed = true;
        blockSize = bytes;
    }

    void setQuota(Long bytes) {
        loadForChange();
        changed = true;
        quotaBytes = bytes;
    }

    /** Writes the configuration row back when the call changed it; returns {@code result} for chaining. */
    <T> T finish(T result) {
        if (changed) {
            ctx.update("UPDATE fs.config SET block_size = $1, quota_bytes = $2, used_bytes = $3, inodes = $4, next_ino = $5"
                    + " WHERE id = 1", blockSize, quotaBytes, usedBytes, inodes, nextIno);
            changed = false;
        }
        return result;
    }

    // ---- inode rows ----

    Inode inode(long ino) {
        List<Object[]> rows = ctx.query("SELECT " + Inode.COLUMNS + " FROM fs.inodes WHERE ino = $1", ino);
        return rows.isEmpty() ? null : Inode.of(rows.get(0));
    }

    /** The inode, locked against other client transaction blocks until this one ends (its size is about to change). */
    Inode inodeForChange(long ino) {
        List<Object[]> rows = ctx.query("SELECT " + Inode.COLUMNS + " FROM fs.inodes WHERE ino = $1 FOR UPDATE", ino);
        return rows.isEmpty() ? null : Inode.of(rows.get(0));
    }

    long insertInode(String kind, int mode, int uid, int gid, long size, int nlink, long parent, String target) {
        long ino = allocateInode();
        ctx.update("INSERT INTO fs.inodes (" + Inode.COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $10)",
                ino, kind, mode, uid, gid, size, nlink, parent, target, now);
        return ino;
    }

    /** A directory gained or lost entries (and {@code subdirectories} of them are directories). */
    void directoryChanged(long ino, int subdirectories) {
        ctx.update("UPDATE fs.inodes SET nlink = nlink + $2, mtime = $3, ctime = $3 WHERE ino = $1", ino, subdirectories, now);
    }

    void touchChange(long ino) {
        ctx.update("UPDATE fs.inodes SET ctime = $2 WHERE ino = $1", ino, now);
    }
}
