package io.tableos.services.fs;

import java.util.List;

/**
 * File contents in {@code fs.blocks}: block {@code n} holds bytes [n·B, n·B + length) of the
 * file, B the configured block size. A write touches only the blocks its range covers, reading
 * back at most its first and last block to merge, so one call holds its data plus two blocks
 * whatever the file's size; a read assembles at most {@value Limits#READ_BYTES_MAX} bytes.
 * Bytes inside the file's size that no block holds read as zeros. A write or truncate locks
 * the inode row first, so inside client transaction blocks two of them on one file serialize
 * (alone on the commit path they never interleave anyway).
 */
final class FileData {
    private final FsCall call;

    FileData(FsCall call) {
        this.call = call;
    }

    /** pwrite(2): returns the bytes written; the file grows to cover them. */
    long write(Inode unlocked, String path, long offset, byte[] data) {
        requireFile(unlocked, path);
        Inode file = call.inodeForChange(unlocked.ino());
        if (offset < 0) throw Errno.EINVAL.error(path);
        if (data.length > Limits.WRITE_BYTES_MAX) throw Errno.EFBIG.error(path + " (one write carries at most " + Limits.WRITE_BYTES_MAX + " bytes)");
        if (data.length == 0) return 0;
        long end = offset + data.length;
        if (end > Limits.FILE_BYTES_MAX) throw Errno.EFBIG.error(path);
        if (end > file.size()) call.bytes(end - file.size(), path);
        int blockSize = call.blockSize();
        for (long block = offset / blockSize; block * blockSize < end; block++) {
            long blockStart = block * blockSize;
            int from = (int) (Math.max(offset, blockStart) - blockStart);
            int to = (int) (Math.min(end, blockStart + blockSize) - blockStart);
            int dataFrom = (int) (blockStart + from - offset);
            byte[] merged;
            if (from == 0 && (to == blockSize || blockStart + to >= file.size())) {
                merged = new byte[to];  // nothing of the old block survives past the write's end
            } else {
                byte[] old = block(file.ino(), block);
                merged = new byte[Math.max(to, old == null ? 0 : old.length)];
                if (old != null) System.arraycopy(old, 0, merged, 0, old.length);
            }
            System.arraycopy(data, dataFrom, merged, from, to - from);
            call.ctx.update("INSERT INTO fs.blocks (ino, block_no, data) VALUES ($1, $2, $3)"
                    + " ON CONFLICT (ino, block_no) DO UPDATE SET data = EXCLUDED.data", file.ino(), block, merged);
        }
        call.ctx.update("UPDATE fs.inodes SET size = $2, mtime = $3, ctime = $3 WHERE ino = $1",
                file.ino(), Math.max(end, file.size()), call.now);
        return data.length;
    }

    /** pread(2): up to {@code length} bytes from {@code offset}, fewer at the end of the file. */
    byte[] read(Inode file, String path, long offset, int length) {
        requireFile(file, path);
        if (offset < 0 || length < 0) throw Errno.EINVAL.error(path);
        int n = (int) Math.max(0, Math.min(Math.min(length, Limits.READ_BYTES_MAX), file.size() - offset));
        byte[] out = new byte[n];
        if (n == 0) return out;
        int blockSize = call.blockSize();
        long first = offset / blockSize;
        long last = (offset + n - 1) / blockSize;
        List<Object[]> rows = call.ctx.query("SELECT block_no, data FROM fs.blocks WHERE ino = $1 AND block_no >= $2"
                + " AND block_no <= $3 ORDER BY block_no", file.ino(), first, last);
        for (Object[] row : rows) {
            long blockStart = ((Number) row[0]).longValue() * blockSize;
            byte[] data = (byte[]) row[1];
            long from = Math.max(offset, blockStart);
            long to = Math.min(Math.min(offset + n, blockStart + data.length), blockStart + blockSize);
            if (to > from) System.arraycopy(data, (int) (from - blockStart), out, (int) (from - offset), (int) (to - from));
        }
        return out;
    }

    /**
     * truncate(2): blocks past the new end go, the block it falls in is cut; growing leaves a
     * hole. A shrink that would delete more than {@link Limits#DELETE_BYTES_PER_CALL} cuts the
     * file only that far (at a block boundary, a consistent shorter file) and returns false: the
     * caller repeats the call until it returns true.
     */
    boolean truncate(Inode unlocked, String path, long requested) {
        requireFile(unlocked, path);
        Inode file = call.inodeForChange(unlocked.ino());
        if (requested < 0) throw Errno.EINVAL.error(path);
        if (requested > Limits.FILE_BYTES_MAX) throw Errno.EFBIG.error(path);
        int blockSize = call.blockSize();
        long length = Math.max(requested, oneCallBelow(endBlock(file)) * blockSize);
        call.bytes(length - file.size(), path);
        if (length < file.size()) {
            long keptBlocks = (length + blockSize - 1) / blockSize;
            call.ctx.update("DELETE FROM fs.blocks WHERE ino = $1 AND block_no >= $2", file.ino(), keptBlocks);
            int tail = (int) (length % blockSize);
            if (tail != 0) {
                byte[] old = block(file.ino(), keptBlocks - 1);
                if (old != null && old.length > tail) {
                    byte[] cut = java.util.Arrays.copyOf(old, tail);
                    call.ctx.update("UPDATE fs.blocks SET data = $3 WHERE ino = $1 AND block_no = $2", file.ino(), keptBlocks - 1, cut);
                }
            }
        }
        call.ctx.update("UPDATE fs.inodes SET size = $2, mtime = $3, ctime = $3 WHERE ino = $1", file.ino(), length, call.now);
        return length == requested;
    }

    /** The number of block slots the file's size spans (no block lies past them). */
    private long endBlock(Inode file) {
        int blockSize = call.blockSize();
        return (file.size() + blockSize - 1) / blockSize;
    }

    /** The lowest block number one call may delete from when the blocks below {@code end} are to go. */
    private long oneCallBelow(long end) {
        return Math.max(0, end - Limits.DELETE_BYTES_PER_CALL / call.blockSize());
    }

    /** Deletes the inode's blocks in [{@link #oneCallBelow}(end), end), one call's worth; returns where they now end. */
    private long deleteOneCallBelow(long ino, long end) {
        long from = oneCallBelow(end);
        if (end > from) call.ctx.update("DELETE FROM fs.blocks WHERE ino = $1 AND block_no >= $2 AND block_no < $3", ino, from, end);
        return from;
    }

    /**
     * The blocks of a file whose last name went: up to {@link Limits#DELETE_BYTES_PER_CALL} of
     * them go now, the rest is recorded in fs.reclaim (the inode number is never used again, so
     * they are unreachable) for {@link #reclaim} to delete. Returns whether all went now.
     */
    boolean release(Inode file) {
        long from = deleteOneCallBelow(file.ino(), endBlock(file));
        if (from == 0) return true;
        call.ctx.update("INSERT INTO fs.reclaim (ino, end_block) VALUES ($1, $2)", file.ino(), from);
        return false;
    }

    /** Deletes up to {@link Limits#DELETE_BYTES_PER_CALL} of released files' blocks; returns whether any are left. */
    boolean reclaim() {
        List<Object[]> next = call.ctx.query("SELECT ino, end_block FROM fs.reclaim ORDER BY ino LIMIT 1");
        if (next.isEmpty()) return false;
        long ino = ((Number) next.get(0)[0]).longValue();
        long end = ((Number) next.get(0)[1]).longValue();
        long from = deleteOneCallBelow(ino, end);
        if (from > 0) {
            call.ctx.update("UPDATE fs.reclaim SET end_block = $2 WHERE ino = $1", ino, from);
            return true;
        }
        call.ctx.update("DELETE FROM fs.reclaim WHERE ino = $1", ino);
        return !call.ctx.query("SELECT ino FROM fs.reclaim LIMIT 1").isEmpty();
    }

    private byte[] block(long ino, long block) {
        List<Object[]> rows = call.ctx.query("SELECT data FROM fs.blocks WHERE ino = $1 AND block_no = $2", ino, block);
        return rows.isEmpty() ? null : (byte[]) rows.get(0)[0];
    }

    private static void requireFile(Inode inode, String path) {
        if (inode.isDirectory()) throw Errno.EISDIR.error(path);
        if (!inode.isFile()) throw Errno.EINVAL.error(path);
    }
}
