package io.tableos.services.fs.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One inode as fs.stat returns it; {@code mode} holds the permission bits only, {@code kind} the type. */
public record FileStat(long ino, String kind, int mode, int uid, int gid, long size, int nlink, long parent, String target,
                       Instant atime, Instant mtime, Instant ctime, Instant btime) {
    public static final String FILE = "file";
    public static final String DIRECTORY = "dir";
    public static final String SYMLINK = "symlink";
    public static final String FIFO = "fifo";
    public static final String SOCKET = "socket";

    public boolean isDirectory() {
        return kind.equals(DIRECTORY);
    }

    public boolean isFile() {
        return kind.equals(FILE);
    }

    public boolean isSymlink() {
        return kind.equals(SYMLINK);
    }

    /** A FIFO or a socket: neither data nor entries of its own. */
    public boolean isSpecial() {
        return kind.equals(FIFO) || kind.equals(SOCKET);
    }

    static FileStat of(ResultSet r) throws SQLException {
        return new FileStat(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getLong(6), r.getInt(7),
                r.getLong(8), r.getString(9), instant(r, 10), instant(r, 11), instant(r, 12), instant(r, 13));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        java.time.OffsetDateTime t = r.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
