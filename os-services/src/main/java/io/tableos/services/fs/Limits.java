package io.tableos.services.fs;

/**
 * The file system's limits: what one call may carry or cause, and the names POSIX bounds.
 * Every byte a client can make one call hold is bounded here, so a node holds at most
 * about {@link #WRITE_BYTES_MAX} plus two blocks for a write, whatever the file's size.
 */
public final class Limits {
    private Limits() {}

    /** Bytes of one path component (Linux's NAME_MAX). */
    public static final int NAME_BYTES_MAX = 255;
    /** Bytes of a whole path (Linux's PATH_MAX). */
    public static final int PATH_BYTES_MAX = 4096;
    /** Symbolic links one lookup follows before ELOOP (Linux's MAXSYMLINKS). */
    public static final int SYMLINKS_FOLLOWED_MAX = 40;
    /** Bytes one fs.write call carries; clients split larger writes. */
    public static final int WRITE_BYTES_MAX = 4 << 20;
    /** Bytes one fs.read call returns. */
    public static final int READ_BYTES_MAX = 4 << 20;
    /** Entries one fs.readdir page returns. */
    public static final int READDIR_ENTRIES_MAX = 10_000;
    /**
     * Bytes of blocks one call deletes. Every replica holds what a commit deletes in memory
     * while it applies it (the node reads a DELETE's rows, and keeps the replaced versions for
     * snapshots), so a large file shrinks in calls of at most this many bytes (fs.truncate returns
     * false until it is done), and an unlinked file's blocks beyond them are left to fs.reclaim.
     */
    public static final int DELETE_BYTES_PER_CALL = 16 << 20;
    /** Block sizes a file system may be configured with. */
    public static final int BLOCK_BYTES_MIN = 64 << 10;
    public static final int BLOCK_BYTES_MAX = 1 << 20;
    public static final int BLOCK_BYTES_DEFAULT = 256 << 10;
    /** Largest file (bytes): block numbers stay far from overflow. */
    public static final long FILE_BYTES_MAX = 1L << 50;
    /** Bytes of one extended attribute's value, and of its name (Linux's XATTR_SIZE_MAX, XATTR_NAME_MAX). */
    public static final int XATTR_VALUE_BYTES_MAX = 64 << 10;
    public static final int XATTR_NAME_BYTES_MAX = 255;
    /** Extended attributes one inode may carry. */
    public static final int XATTRS_PER_INODE_MAX = 1_000;
    static {
        if (WRITE_BYTES_MAX < BLOCK_BYTES_MAX) throw new AssertionError("a write must be able to fill a block");
        if (DELETE_BYTES_PER_CALL < BLOCK_BYTES_MAX) throw new AssertionError("a call must be able to delete a block");
    }
}
