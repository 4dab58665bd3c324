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

    /** truncate(2): blocks past the new end go, the block it falls in is cut; growing leaves a hole. */
    void truncate(Inode unlocked, String path, long length) {
        requireFile(unlocked, path);
        Inode file = call.inodeForChange(unlocked.ino());
        if (length < 0) throw Errno.EINVAL.error(path);
        if (length > Limits.FILE_BYTES_MAX) throw Errno.EFBIG.error(path);
        call.bytes(length - file.size(), path);
        if (length < file.size()) {
            int blockSize = call.blockSize();
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
