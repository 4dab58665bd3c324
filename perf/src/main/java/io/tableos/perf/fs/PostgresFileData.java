package io.tableos.perf.fs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * Sequential write and read of one large file in the fs schema on PostgreSQL, with the
 * statements fs.pwrite and fs.pread issue (os-services' FileData): a write of one piece is one
 * transaction that locks the inode and fs.config, upserts the 256 KiB blocks the piece covers,
 * and writes the new size and the byte count back; a read of a piece is one range scan of its
 * blocks. Pieces are 1 MiB, the size the NIO provider gathers writes into and reads ahead.
 */
final class PostgresFileData {
    static final int PIECE_BYTES = 1 << 20;
    static final int BLOCK_BYTES = io.tableos.services.fs.Limits.BLOCK_BYTES_DEFAULT;  // fs.config as PostgresSchemaOps sets it

    private PostgresFileData() {}

    /** Writes then reads a file of {@code megabytes} MiB in {@code /name}; prints MB/s each way like {@link FsBenchmark#sequential}. */
    static void sequential(Connection c, String name, int megabytes) throws SQLException {
        c.setAutoCommit(false);
        byte[] piece = FsBenchmark.pattern(PIECE_BYTES);
        long ino = create(c, name);
        long start = System.nanoTime();
        for (long offset = 0; offset < (long) megabytes * PIECE_BYTES; offset += PIECE_BYTES) write(c, ino, offset, piece);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long read = 0;
        for (long offset = 0; offset < (long) megabytes * PIECE_BYTES; offset += PIECE_BYTES) read += read(c, ino, offset);
        double readSeconds = (System.nanoTime() - start) / 1e9;
        if (read != (long) megabytes * PIECE_BYTES) throw new IllegalStateException("read " + read + " bytes of " + (long) megabytes * PIECE_BYTES);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM fs.blocks WHERE ino = " + ino);
        }
        c.commit();
        FsBenchmark.printBandwidth(megabytes, writeSeconds, readSeconds);
    }

    private static long create(Connection c, String name) throws SQLException {
        long ino;
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("UPDATE fs.config SET next_ino = next_ino + 1, inodes = inodes + 1 WHERE id = 1 RETURNING next_ino - 1")) {
            r.next();
            ino = r.getLong(1);
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        execute(c, "INSERT INTO fs.inodes VALUES (?, 'file', 420, 0, 0, 0, 1, 1, NULL, ?, ?, ?, ?)", ino, now, now, now, now);
        execute(c, "INSERT INTO fs.entries VALUES (1, ?, ?, 'file')", name, ino);
        c.commit();
        return ino;
    }

    private static void write(Connection c, long ino, long offset, byte[] piece) throws SQLException {
        long size;
        try (PreparedStatement s = c.prepareStatement("SELECT size FROM fs.inodes WHERE ino = ? FOR UPDATE")) {
            s.setLong(1, ino);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                size = r.getLong(1);
            }
        }
        long used;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT used_bytes FROM fs.config WHERE id = 1 FOR UPDATE")) {
            r.next();
            used = r.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO fs.blocks VALUES (?, ?, ?)"
                + " ON CONFLICT (ino, block_no) DO UPDATE SET data = EXCLUDED.data")) {
            for (int from = 0; from < piece.length; from += BLOCK_BYTES) {
                s.setLong(1, ino);
                s.setLong(2, (offset + from) / BLOCK_BYTES);
                s.setBytes(3, java.util.Arrays.copyOfRange(piece, from, from + BLOCK_BYTES));
                s.executeUpdate();
            }
        }
        long end = Math.max(size, offset + piece.length);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        execute(c, "UPDATE fs.inodes SET size = ?, mtime = ?, ctime = ? WHERE ino = ?", end, now, now, ino);
        execute(c, "UPDATE fs.config SET used_bytes = ? WHERE id = 1", used + end - size);
        c.commit();
    }

    private static long read(Connection c, long ino, long offset) throws SQLException {
        long bytes = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT data FROM fs.blocks WHERE ino = ? AND block_no >= ? AND block_no <= ?"
                + " ORDER BY block_no")) {
            s.setLong(1, ino);
            s.setLong(2, offset / BLOCK_BYTES);
            s.setLong(3, (offset + PIECE_BYTES - 1) / BLOCK_BYTES);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) bytes += r.getBytes(1).length;
            }
        }
        c.commit();
        return bytes;
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        PostgresSchemaOps.update(c, sql, params);
    }
}
