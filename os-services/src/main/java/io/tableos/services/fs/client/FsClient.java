package io.tableos.services.fs.client;

import io.tableos.services.fs.Errno;
import io.tableos.services.fs.Limits;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed client of {@code fs.*}: each method is one procedure call, so one atomic
 * transaction. It owns one connection, opened through its {@link Connector} when first needed
 * and again after a connection failure or a failover (the node no longer leads, or its new
 * leader has not migrated yet): such a call is repeated on the new connection until
 * {@code failoverMillis} have passed. A call repeated after its first attempt committed but was
 * not acknowledged may then report EEXIST or ENOENT. {@link #atomically} runs several calls as
 * one transaction. Not thread-safe: one per thread.
 */
public final class FsClient implements AutoCloseable {
    /** Opens a connection to the cluster's leader (give pgJDBC {@code targetServerType=primary}). */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** One directory entry of readdir. */
    public record Entry(String name, long ino, String kind) {}

    /** statfs: sizes in bytes except blocks (in blockSize units). */
    public record FsStats(int blockSize, long blocks, long blocksFree, long files, int nameMax, Long quotaBytes, long usedBytes) {}

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Calls that commit together: see {@link #atomically}. */
    @FunctionalInterface
    public interface Atomic<T> {
        T run(FsClient fs) throws IOException;
    }

    /** Pause between attempts while the cluster fails over. */
    static final long RETRY_PAUSE_MILLIS = 100;

    private final Connector connector;
    private final long failoverMillis;
    private Connection connection;
    private boolean inBlock;
    /**
     * fs.reclaim may hold rows this client should see gone: from the start and after every new
     * connection (a client that died, or this one cut off by a failover, may have left some),
     * and when an unlink or rename left blocks (after the block, inside one). Cleared by a
     * reclaim pass that finds none left; until then each call first tries one
     * ({@link #settleReclaim}), so a pass that failed resumes where fs.reclaim says it stopped
     * instead of leaving the blocks for good.
     */
    private boolean reclaimOwed = true;
    /** A reclaim pass is running (its own calls must not start another). */
    private boolean reclaiming;

    public FsClient(Connector connector, long failoverMillis) {
        this.connector = connector;
        this.failoverMillis = failoverMillis;
    }

    /**
     * Runs {@code body}'s calls of this client in one transaction block (BEGIN ... COMMIT):
     * all of them take effect or none (an error, an exception of the body, or a lost connection
     * rolls all back). Calls inside are not repeated across a failover: the block fails whole.
     * Concurrent blocks that move directories should run at SERIALIZABLE (set on the connection),
     * which validates what each read when it commits.
     */
    public <T> T atomically(Atomic<T> body) throws IOException {
        if (inBlock) return body.run(this);
        try {
            if (connection == null) connect();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            dropConnection();
            throw new IOException("cannot begin a transaction: " + e.getMessage(), e);
        }
        inBlock = true;
        boolean committed = false;
        try {
            T result = body.run(this);
            connection.commit();
            committed = true;
            inBlock = false;
            connection.setAutoCommit(true);
            settleReclaim();
            return result;
        } catch (SQLException e) {
            throw new IOException("commit failed: " + e.getMessage(), e);
        } finally {
            inBlock = false;
            try {
                if (!committed) connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                dropConnection();
            }
        }
    }

    public FileStat stat(String path, boolean follow) throws IOException {
        return one("SELECT * FROM fs.stat(?, ?)", path, s -> {
            s.setString(1, path);
            s.setBoolean(2, follow);
        }, FileStat::of);
    }

    public FileStat istat(long ino) throws IOException {
        return one("SELECT * FROM fs.istat(?)", "inode " + ino, s -> s.setLong(1, ino), FileStat::of);
    }

    /** Owner and group of what a call creates (the caller's ids, as the kernel would set them); root's by default. */
    public record Owner(int uid, int gid) {
        public static final Owner ROOT = new Owner(0, 0);
    }

    public long create(String path, int mode, boolean exclusive) throws IOException {
        return create(path, mode, Owner.ROOT, exclusive);
    }

    public long create(String path, int mode, Owner owner, boolean exclusive) throws IOException {
        return one("SELECT fs.create(?, ?, ?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setInt(2, mode);
            s.setInt(3, owner.uid());
            s.setInt(4, owner.gid());
            s.setBoolean(5, exclusive);
        }, r -> r.getLong(1));
    }

    public long mkdir(String path, int mode) throws IOException {
        return mkdir(path, mode, Owner.ROOT);
    }

    public long mkdir(String path, int mode, Owner owner) throws IOException {
        return one("SELECT fs.mkdir(?, ?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setInt(2, mode);
            s.setInt(3, owner.uid());
            s.setInt(4, owner.gid());
        }, r -> r.getLong(1));
    }

    /** A FIFO or a socket ({@code kind}: {@link FileStat#FIFO}, {@link FileStat#SOCKET}). */
    public long mknod(String path, String kind, int mode, Owner owner) throws IOException {
        return one("SELECT fs.mknod(?, ?, ?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setString(2, kind);
            s.setInt(3, mode);
            s.setInt(4, owner.uid());
            s.setInt(5, owner.gid());
        }, r -> r.getLong(1));
    }

    public long symlink(String target, String path) throws IOException {
        return symlink(target, path, Owner.ROOT);
    }

    public long symlink(String target, String path, Owner owner) throws IOException {
        return one("SELECT fs.symlink(?, ?, ?, ?)", path, s -> {
            s.setString(1, target);
            s.setString(2, path);
            s.setInt(3, owner.uid());
            s.setInt(4, owner.gid());
        }, r -> r.getLong(1));
    }

    public String readlink(String path) throws IOException {
        return one("SELECT fs.readlink(?)", path, s -> s.setString(1, path), r -> r.getString(1));
    }

    public long link(String existing, String path) throws IOException {
        return one("SELECT fs.link(?, ?)", path, s -> {
            s.setString(1, existing);
            s.setString(2, path);
        }, r -> r.getLong(1));
    }

    /** Removes the name; a large file's data past one call's bound goes after (see {@link #reclaim}). */
    public void unlink(String path) throws IOException {
        if (!pathCall("SELECT fs.unlink(?)", path)) dataLeft();
    }

    public void rmdir(String path) throws IOException {
        pathCall("SELECT fs.rmdir(?)", path);
    }

    public void rename(String source, String target, boolean noReplace) throws IOException {
        boolean dataFreed = one("SELECT fs.rename(?, ?, ?)", source + " -> " + target, s -> {
            s.setString(1, source);
            s.setString(2, target);
            s.setBoolean(3, noReplace);
        }, r -> r.getBoolean(1));
        if (!dataFreed) dataLeft();
    }

    /**
     * A committed unlink or rename left a removed file's blocks to fs.reclaim: reclaimed now, or
     * after the block. A failure to do so is not the caller's (the name is gone, as asked): the
     * reclaim stays owed and the next call resumes it.
     */
    private void dataLeft() {
        reclaimOwed = true;
        settleReclaim();
    }

    /** Runs an owed reclaim pass unless inside a block or one; a failure leaves it owed for the next call. */
    private void settleReclaim() {
        if (!reclaimOwed || inBlock || reclaiming) return;
        reclaiming = true;
        try {
            if (one("SELECT EXISTS (SELECT 1 FROM fs.reclaim)", "reclaim", s -> {}, r -> r.getBoolean(1))) reclaimSteps();
            reclaimOwed = false;
        } catch (IOException e) {
            // Owed still: fs.reclaim records how far the blocks went, the next call goes on from there.
        } finally {
            reclaiming = false;
        }
    }

    /**
     * Deletes the blocks removed files left (fs.unlink and fs.rename leave what is past one call's
     * bound to fs.reclaim), one bounded call at a time, until none are left, whichever client
     * left them. Inside a transaction block it waits for the block's end: there the calls would
     * add up in one transaction.
     */
    public void reclaim() throws IOException {
        reclaimOwed = true;
        if (inBlock) return;
        reclaiming = true;
        try {
            reclaimSteps();
            reclaimOwed = false;
        } finally {
            reclaiming = false;
        }
    }

    private void reclaimSteps() throws IOException {
        repeatUntilDone("reclaim", () -> !one("SELECT fs.reclaim()", "reclaim", s -> {}, r -> r.getBoolean(1)));
    }

    /** Up to {@code max} entries after {@code after} (null: from the first), in name order. */
    public List<Entry> readdir(String path, String after, int max) throws IOException {
        return call("SELECT * FROM fs.readdir(?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setString(2, after);
            s.setInt(3, max);
        }, r -> {
            List<Entry> out = new ArrayList<>();
            while (r.next()) out.add(new Entry(r.getString(1), r.getLong(2), r.getString(3)));
            return out;
        });
    }

    public long pwrite(long ino, long offset, byte[] data) throws IOException {
        return one("SELECT fs.pwrite(?, ?, ?)", "inode " + ino, s -> {
            s.setLong(1, ino);
            s.setLong(2, offset);
            s.setBytes(3, data);
        }, r -> r.getLong(1));
    }

    public byte[] pread(long ino, long offset, int length) throws IOException {
        return one("SELECT fs.pread(?, ?, ?)", "inode " + ino, s -> {
            s.setLong(1, ino);
            s.setLong(2, offset);
            s.setInt(3, length);
        }, r -> r.getBytes(1));
    }

    /** A large shrink takes several calls (each returns whether the file has its length yet), each one atomic. */
    public void ftruncate(long ino, long length) throws IOException {
        repeatUntilDone("inode " + ino, () -> one("SELECT fs.ftruncate(?, ?)", "inode " + ino, s -> {
            s.setLong(1, ino);
            s.setLong(2, length);
        }, r -> r.getBoolean(1)));
    }

    /** As {@link #ftruncate}. */
    public void truncate(String path, long length) throws IOException {
        repeatUntilDone(path, () -> one("SELECT fs.truncate(?, ?)", path, s -> {
            s.setString(1, path);
            s.setLong(2, length);
        }, r -> r.getBoolean(1)));
    }

    /** A call that does one bounded part of a large change (each part atomic, the file system consistent after it); returns whether the change is complete. */
    private interface BoundedStep {
        boolean done() throws IOException;
    }

    /**
     * Repeats {@code step} until it reports the change complete. Inside a transaction block the
     * parts would add up in one transaction, which is what the bound keeps from the replicas:
     * there a change of more than one part is refused (EFBIG, as fs.write_text refuses one), and
     * the block rolls back.
     */
    private void repeatUntilDone(String what, BoundedStep step) throws IOException {
        while (!step.done()) {
            if (inBlock) {
                throw new FsException(Errno.EFBIG, what + " (inside a transaction block a call deletes at most "
                        + Limits.DELETE_BYTES_PER_CALL + " bytes)", null);
            }
        }
    }

    public void chmod(String path, int mode) throws IOException {
        one("SELECT fs.chmod(?, ?)", path, s -> {
            s.setString(1, path);
            s.setInt(2, mode);
        }, r -> r.getBoolean(1));
    }

    /** A null id stays as it is. */
    public void chown(String path, Integer uid, Integer gid, boolean follow) throws IOException {
        one("SELECT fs.chown(?, ?, ?, ?)", path, s -> {
            s.setString(1, path);
            if (uid == null) s.setNull(2, Types.INTEGER); else s.setInt(2, uid);
            if (gid == null) s.setNull(3, Types.INTEGER); else s.setInt(3, gid);
            s.setBoolean(4, follow);
        }, r -> r.getBoolean(1));
    }

    /** A null time is the server's now. */
    public void utimens(String path, Instant atime, Instant mtime, boolean follow) throws IOException {
        one("SELECT fs.utimens(?, ?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setTimestamp(2, atime == null ? null : Timestamp.from(atime));
            s.setTimestamp(3, mtime == null ? null : Timestamp.from(mtime));
            s.setBoolean(4, follow);
        }, r -> r.getBoolean(1));
    }

    public void setxattr(String path, String name, byte[] value) throws IOException {
        one("SELECT fs.setxattr(?, ?, ?)", path, s -> {
            s.setString(1, path);
            s.setString(2, name);
            s.setBytes(3, value);
        }, r -> r.getBoolean(1));
    }

    public byte[] getxattr(String path, String name) throws IOException {
        return one("SELECT fs.getxattr(?, ?)", path, s -> {
            s.setString(1, path);
            s.setString(2, name);
        }, r -> r.getBytes(1));
    }

    public List<String> listxattr(String path) throws IOException {
        return call("SELECT * FROM fs.listxattr(?)", path, s -> s.setString(1, path), r -> {
            List<String> out = new ArrayList<>();
            while (r.next()) out.add(r.getString(1));
            return out;
        });
    }

    public void removexattr(String path, String name) throws IOException {
        one("SELECT fs.removexattr(?, ?)", path, s -> {
            s.setString(1, path);
            s.setString(2, name);
        }, r -> r.getBoolean(1));
    }

    public FsStats statfs() throws IOException {
        return one("SELECT * FROM fs.statfs()", "/", s -> {}, r -> new FsStats(r.getInt(1), r.getLong(2), r.getLong(3),
                r.getLong(4), r.getInt(5), (Long) r.getObject(6), r.getLong(7)));
    }

    private boolean pathCall(String sql, String path) throws IOException {
        return one(sql, path, s -> s.setString(1, path), r -> r.getBoolean(1));
    }

    private <T> T one(String sql, String what, Binder binder, Reader<T> reader) throws IOException {
        return call(sql, what, binder, r -> {
            if (!r.next()) throw new SQLException("no row from " + sql);
            return reader.read(r);
        });
    }

    private <T> T call(String sql, String what, Binder binder, Reader<T> reader) throws IOException {
        long deadline = System.nanoTime() + failoverMillis * 1_000_000;
        settleReclaim();
        while (true) {
            try {
                if (connection == null) connect();
                try (PreparedStatement s = connection.prepareStatement(sql)) {
                    binder.bind(s);
                    try (ResultSet r = s.executeQuery()) {
                        return reader.read(r);
                    }
                }
            } catch (SQLException e) {
                Errno errno = Errno.of(e);
                if (errno != null) throw new FsException(errno, what, e);
                if (inBlock || !isFailover(e) || System.nanoTime() - deadline > 0) throw new IOException(what + ": " + e.getMessage(), e);
                dropConnection();
                pause();
            }
        }
    }

    /** Errors a failover causes: a lost connection, a node that no longer leads, a leader not yet ready. */
    static boolean isFailover(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("25006") || state.equals("55000")
                || state.equals("57P03");
    }

    private void connect() throws SQLException {
        connection = connector.connect();
        reclaimOwed = true; // see reclaimOwed
    }

    private void dropConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the cluster fails over");
        }
    }

    @Override
    public void close() {
        dropConnection();
    }
}
