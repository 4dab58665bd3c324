package io.tableos.perf.fs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * The fs schema on PostgreSQL and the plain SQL the fs procedures issue for each operation, in
 * one transaction per operation (the statements of os-services' Namespace/Resolver/FsCall:
 * a primary-key lookup per path component, fs.config read FOR UPDATE and written back when
 * counts change, the inode and entry rows, the parent's link count and times). So the
 * comparison is the same schema and work, one procedure call per operation on TableOS
 * against a client-driven transaction on PostgreSQL.
 */
final class PostgresSchemaOps implements MetadataOps {
    static final String[] SCHEMA = {
        "DROP SCHEMA IF EXISTS fs CASCADE",
        "CREATE SCHEMA fs",
        "CREATE TABLE fs.config (id int PRIMARY KEY, block_size int NOT NULL, quota_bytes bigint, used_bytes bigint NOT NULL,"
                + " inodes bigint NOT NULL, next_ino bigint NOT NULL)",
        "CREATE TABLE fs.inodes (ino bigint PRIMARY KEY, kind text NOT NULL, mode int NOT NULL, uid int NOT NULL, gid int NOT NULL,"
                + " size bigint NOT NULL, nlink int NOT NULL, parent bigint NOT NULL, target text, atime timestamptz NOT NULL,"
                + " mtime timestamptz NOT NULL, ctime timestamptz NOT NULL, btime timestamptz NOT NULL)",
        "CREATE TABLE fs.entries (parent bigint, name text, ino bigint NOT NULL, kind text NOT NULL, PRIMARY KEY (parent, name))",
        "CREATE TABLE fs.blocks (ino bigint, block_no bigint, data bytea NOT NULL, PRIMARY KEY (ino, block_no))",
        "CREATE TABLE fs.xattrs (ino bigint, name text, value bytea NOT NULL, PRIMARY KEY (ino, name))",
        "INSERT INTO fs.config VALUES (1, " + io.tableos.services.fs.Limits.BLOCK_BYTES_DEFAULT + ", NULL, 0, 1, 2)",
        "INSERT INTO fs.inodes VALUES (1, 'dir', 493, 0, 0, 0, 2, 1, NULL, now(), now(), now(), now())"};

    private final Connection c;

    PostgresSchemaOps(Connection c) throws SQLException {
        this.c = c;
        c.setAutoCommit(false);
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : SCHEMA) s.execute(sql);
        }
    }

    private record Entry(long parent, String name, long ino, String kind) {}

    /** The path's last component, looked up in its parent (ino -1 when absent). */
    private Entry resolve(String path) throws SQLException {
        String[] parts = path.substring(1).split("/");
        long dir = 1;
        for (int i = 0; i < parts.length; i++) {
            try (PreparedStatement s = c.prepareStatement("SELECT ino, kind FROM fs.entries WHERE parent = ? AND name = ?")) {
                s.setLong(1, dir);
                s.setString(2, parts[i]);
                try (ResultSet r = s.executeQuery()) {
                    boolean found = r.next();
                    if (i == parts.length - 1) return found ? new Entry(dir, parts[i], r.getLong(1), r.getString(2)) : new Entry(dir, parts[i], -1, null);
                    if (!found) throw new SQLException("ENOENT: " + path);
                    dir = r.getLong(1);
                }
            }
        }
        throw new SQLException("EINVAL: " + path);
    }

    private Object[] inode(long ino) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ino, kind, mode, uid, gid, size, nlink, parent, target, atime, mtime,"
                + " ctime, btime FROM fs.inodes WHERE ino = ?")) {
            s.setLong(1, ino);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new SQLException("ENOENT: inode " + ino);
                Object[] row = new Object[13];
                for (int i = 0; i < row.length; i++) row[i] = r.getObject(i + 1);
                return row;
            }
        }
    }

    private long[] lockConfig() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT used_bytes, inodes, next_ino FROM fs.config WHERE id = 1 FOR UPDATE")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    private void writeConfig(long[] config) throws SQLException {
        update("UPDATE fs.config SET used_bytes = ?, inodes = ?, next_ino = ? WHERE id = 1", config[0], config[1], config[2]);
    }

    private void update(String sql, Object... params) throws SQLException {
        update(c, sql, params);
    }

    static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            s.executeUpdate();
        }
    }

    private void insert(String kind, String path, int mode, int nlink) throws SQLException {
        Entry at = resolve(path);
        if (at.ino() >= 0) throw new SQLException("EEXIST: " + path);
        long[] config = lockConfig();
        long ino = config[2]++;
        config[1]++;
        Timestamp now = new Timestamp(System.currentTimeMillis());
        update("INSERT INTO fs.inodes VALUES (?, ?, ?, 0, 0, 0, ?, ?, NULL, ?, ?, ?, ?)", ino, kind, mode, nlink, at.parent(), now, now, now, now);
        update("INSERT INTO fs.entries VALUES (?, ?, ?, ?)", at.parent(), at.name(), ino, kind);
        update("UPDATE fs.inodes SET nlink = nlink + ?, mtime = ?, ctime = ? WHERE ino = ?", kind.equals("dir") ? 1 : 0, now, now, at.parent());
        writeConfig(config);
        c.commit();
    }

    @Override
    public void mkdir(String path) throws SQLException {
        insert("dir", path, 0755, 2);
    }

    @Override
    public void create(String path) throws SQLException {
        insert("file", path, 0644, 1);
    }

    @Override
    public void stat(String path) throws SQLException {
        Entry at = resolve(path);
        if (at.ino() < 0) throw new SQLException("ENOENT: " + path);
        inode(at.ino());
        c.commit();
    }

    @Override
    public int list(String path) throws SQLException {
        Entry at = resolve(path);
        inode(at.ino());
        int n = 0;
        String after = "";
        while (true) {
            int page = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT name, ino, kind FROM fs.entries WHERE parent = ? AND name > ? ORDER BY name LIMIT 1000")) {
                s.setLong(1, at.ino());
                s.setString(2, after);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        after = r.getString(1);
                        page++;
                    }
                }
            }
            n += page;
            if (page < 1000) break;
        }
        c.commit();
        return n;
    }

    @Override
    public void rename(String from, String to) throws SQLException {
        Entry source = resolve(from);
        if (source.ino() < 0) throw new SQLException("ENOENT: " + from);
        inode(source.ino());
        Entry target = resolve(to);
        if (target.ino() >= 0) throw new SQLException("EEXIST: " + to);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        update("DELETE FROM fs.entries WHERE parent = ? AND name = ?", source.parent(), source.name());
        update("UPDATE fs.inodes SET nlink = nlink + 0, mtime = ?, ctime = ? WHERE ino = ?", now, now, source.parent());
        update("INSERT INTO fs.entries VALUES (?, ?, ?, ?)", target.parent(), target.name(), source.ino(), source.kind());
        update("UPDATE fs.inodes SET nlink = nlink + 0, mtime = ?, ctime = ? WHERE ino = ?", now, now, target.parent());
        update("UPDATE fs.inodes SET ctime = ? WHERE ino = ?", now, source.ino());
        c.commit();
    }

    @Override
    public void unlink(String path) throws SQLException {
        Entry at = resolve(path);
        if (at.ino() < 0) throw new SQLException("ENOENT: " + path);
        Object[] inode = inode(at.ino());
        Timestamp now = new Timestamp(System.currentTimeMillis());
        update("DELETE FROM fs.entries WHERE parent = ? AND name = ?", at.parent(), at.name());
        update("UPDATE fs.inodes SET nlink = nlink + 0, mtime = ?, ctime = ? WHERE ino = ?", now, now, at.parent());
        long[] config = lockConfig();
        update("DELETE FROM fs.blocks WHERE ino = ?", at.ino());
        config[0] -= ((Number) inode[5]).longValue();
        update("DELETE FROM fs.xattrs WHERE ino = ?", at.ino());
        update("DELETE FROM fs.inodes WHERE ino = ?", at.ino());
        config[1]--;
        writeConfig(config);
        c.commit();
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
