package io.tableos.services.fs;

import java.time.OffsetDateTime;

/** One row of {@code fs.inodes}, as read by a procedure (see {@link FsSchema}). */
record Inode(long ino, String kind, int mode, int uid, int gid, long size, int nlink, long parent, String target,
             OffsetDateTime atime, OffsetDateTime mtime, OffsetDateTime ctime, OffsetDateTime btime) {

    static final String COLUMNS = "ino, kind, mode, uid, gid, size, nlink, parent, target, atime, mtime, ctime, btime";

    static Inode of(Object[] r) {
        return new Inode(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                ((Number) r[4]).intValue(), ((Number) r[5]).longValue(), ((Number) r[6]).intValue(), ((Number) r[7]).longValue(),
                (String) r[8], (OffsetDateTime) r[9], (OffsetDateTime) r[10], (OffsetDateTime) r[11], (OffsetDateTime) r[12]);
    }

    boolean isDirectory() {
        return kind.equals(FsSchema.DIRECTORY);
    }

    boolean isSymlink() {
        return kind.equals(FsSchema.SYMLINK);
    }

    boolean isFile() {
        return kind.equals(FsSchema.FILE);
    }

    /** The row fs.stat returns: the columns of {@link #COLUMNS} in order. */
    Object[] statRow() {
        return new Object[] {ino, kind, mode, uid, gid, size, nlink, parent, target, atime, mtime, ctime, btime};
    }
}
