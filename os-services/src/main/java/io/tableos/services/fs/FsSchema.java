package io.tableos.services.fs;

import io.tableos.db.service.Migration;
import java.util.List;

/**
 * The file system's tables.
 * <ul>
 * <li>{@code fs.inodes}: one row per file, directory, symlink, FIFO and socket. {@code nlink} is the number of
 *     entries naming a file, and 2 plus the number of subdirectories for a directory (POSIX's
 *     "." and ".." counting); {@code parent} is a directory's parent (the root's is itself), so
 *     ".." and the "not into itself" check of rename read no entries; {@code size} is a file's
 *     length in bytes or a symlink's target length.
 * <li>{@code fs.entries}: (parent, name) → inode, keyed so a directory of millions of entries
 *     is read in pages along its primary-key order; {@code kind} is copied from the inode
 *     (it never changes) so readdir reads no inode.
 * <li>{@code fs.blocks}: (inode, block number) → at most block_size bytes. A missing block or
 *     the part of the file's size past a stored block's length reads as zeros (sparse files).
 * <li>{@code fs.xattrs}: (inode, name) → value.
 * <li>{@code fs.reclaim}: inode → the end of the blocks still to delete of a file whose last
 *     name went (its blocks below end_block; the inode row is gone and its number never returns).
 * <li>{@code fs.config}: one row: block size, quota (null: none), bytes and inodes in use, and
 *     the next inode number. Procedures never conflict, so this hot row costs one write per call.
 * </ul>
 * Space in use counts each regular file's size once (whatever its links or holes), the same
 * quantity the quota bounds.
 */
final class FsSchema {
    private FsSchema() {}

    static final long ROOT = 1;
    static final String FILE = "file";
    static final String DIRECTORY = "dir";
    static final String SYMLINK = "symlink";
    /** Special files: a name and attributes only; the kernel serves their I/O (a pipe, a socket). */
    static final String FIFO = "fifo";
    static final String SOCKET = "socket";

    static final List<Migration> MIGRATIONS = List.of(Migration.of(1,
            "CREATE SCHEMA IF NOT EXISTS fs",
            "CREATE TABLE IF NOT EXISTS fs.config (id int PRIMARY KEY, block_size int NOT NULL, quota_bytes bigint,"
                    + " used_bytes bigint NOT NULL, inodes bigint NOT NULL, next_ino bigint NOT NULL)",
            "CREATE TABLE IF NOT EXISTS fs.inodes (ino bigint PRIMARY KEY, kind text NOT NULL, mode int NOT NULL,"
                    + " uid int NOT NULL, gid int NOT NULL, size bigint NOT NULL, nlink int NOT NULL, parent bigint NOT NULL,"
                    + " target text, atime timestamptz NOT NULL, mtime timestamptz NOT NULL, ctime timestamptz NOT NULL,"
                    + " btime timestamptz NOT NULL)",
            "CREATE TABLE IF NOT EXISTS fs.entries (parent bigint, name text, ino bigint NOT NULL, kind text NOT NULL,"
                    + " PRIMARY KEY (parent, name))",
            "CREATE TABLE IF NOT EXISTS fs.blocks (ino bigint, block_no bigint, data bytea NOT NULL, PRIMARY KEY (ino, block_no))",
            "CREATE TABLE IF NOT EXISTS fs.xattrs (ino bigint, name text, value bytea NOT NULL, PRIMARY KEY (ino, name))",
            "INSERT INTO fs.config (id, block_size, quota_bytes, used_bytes, inodes, next_ino) VALUES (1, "
                    + Limits.BLOCK_BYTES_DEFAULT + ", NULL, 0, 1, 2) ON CONFLICT (id) DO NOTHING",
            "INSERT INTO fs.inodes (ino, kind, mode, uid, gid, size, nlink, parent, target, atime, mtime, ctime, btime)"
                    + " VALUES (1, 'dir', 493, 0, 0, 0, 2, 1, NULL, now(), now(), now(), now()) ON CONFLICT (ino) DO NOTHING",
            // One row per path: directories found from the root down, then every entry under them.
            "CREATE OR REPLACE VIEW fs.files AS WITH RECURSIVE dirs (ino, path) AS ("
                    + " SELECT 1::bigint, '/'::text"
                    + " UNION ALL SELECT e.ino, CASE WHEN d.path = '/' THEN '/' || e.name ELSE d.path || '/' || e.name END"
                    + " FROM fs.entries e JOIN dirs d ON e.parent = d.ino WHERE e.kind = 'dir')"
                    + " SELECT p.path, i.ino, i.kind, i.size, i.mode, i.uid, i.gid, i.nlink, i.target, i.atime, i.mtime, i.ctime,"
                    + " i.btime, p.parent FROM (SELECT '/'::text AS path, 1::bigint AS ino, NULL::bigint AS parent"
                    + " UNION ALL SELECT CASE WHEN d.path = '/' THEN '/' || e.name ELSE d.path || '/' || e.name END, e.ino, e.parent"
                    + " FROM fs.entries e JOIN dirs d ON e.parent = d.ino) p JOIN fs.inodes i ON i.ino = p.ino"),
            Migration.of(2,
                    "CREATE TABLE IF NOT EXISTS fs.reclaim (ino bigint PRIMARY KEY, end_block bigint NOT NULL)"));
}
