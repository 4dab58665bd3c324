package io.tableos.services.fs;

import java.nio.charset.StandardCharsets;

/**
 * Creating, linking, removing and renaming names, with POSIX's rules and link counts. Each
 * method runs inside one procedure call, so each is atomic: a rename over an existing target
 * replaces it in the same transaction that moves the source.
 */
final class Namespace {
    private final FsCall call;
    private final Resolver resolver;
    /** A file this call removed left blocks for fs.reclaim (see {@link FileData#release}). */
    private boolean reclaimPending;

    Namespace(FsCall call) {
        this.call = call;
        this.resolver = new Resolver(call);
    }

    /** A regular file; an existing one is returned unless {@code exclusive} (open's O_CREAT[|O_EXCL]). */
    long create(String path, int mode, int uid, int gid, boolean exclusive) {
        Resolver.Lookup at = resolver.resolve(path, true);
        if (at.inode() != null) {
            if (exclusive) throw Errno.EEXIST.error(path);
            if (at.inode().isDirectory()) throw Errno.EISDIR.error(path);
            return at.inode().ino();
        }
        long ino = call.insertInode(FsSchema.FILE, mode & 07777, uid, gid, 0, 1, at.parent(), null);
        addEntry(at.parent(), at.entryName(Errno.EEXIST), ino, FsSchema.FILE);
        return ino;
    }

    long mkdir(String path, int mode, int uid, int gid) {
        Resolver.Lookup at = resolver.resolve(path, false);
        if (at.inode() != null) throw Errno.EEXIST.error(path);
        long ino = call.insertInode(FsSchema.DIRECTORY, mode & 07777, uid, gid, 0, 2, at.parent(), null);
        addEntry(at.parent(), at.entryName(Errno.EEXIST), ino, FsSchema.DIRECTORY);
        return ino;
    }

    /** mknod(2) of a FIFO or a socket ({@code kind}); devices are refused (EPERM: no device numbers are kept). */
    long mknod(String path, String kind, int mode, int uid, int gid) {
        if (!kind.equals(FsSchema.FIFO) && !kind.equals(FsSchema.SOCKET)) throw Errno.EPERM.error(path + " (" + kind + ")");
        Resolver.Lookup at = resolver.resolve(path, false);
        if (at.inode() != null) throw Errno.EEXIST.error(path);
        long ino = call.insertInode(kind, mode & 07777, uid, gid, 0, 1, at.parent(), null);
        addEntry(at.parent(), at.entryName(Errno.EEXIST), ino, kind);
        return ino;
    }

    long symlink(String target, String path, int uid, int gid) {
        if (target == null || target.isEmpty()) throw Errno.ENOENT.error(path);
        if (target.getBytes(StandardCharsets.UTF_8).length > Limits.PATH_BYTES_MAX) throw Errno.ENAMETOOLONG.error(target);
        Resolver.Lookup at = resolver.resolve(path, false);
        if (at.inode() != null) throw Errno.EEXIST.error(path);
        long size = target.getBytes(StandardCharsets.UTF_8).length;
        long ino = call.insertInode(FsSchema.SYMLINK, 0777, uid, gid, size, 1, at.parent(), target);
        addEntry(at.parent(), at.entryName(Errno.EEXIST), ino, FsSchema.SYMLINK);
        return ino;
    }

    /** A hard link: {@code path} names the inode {@code existing} names (link(2) does not follow a final symlink). */
    long link(String existing, String path) {
        Inode source = resolver.resolve(existing, false).existing();
        if (source.isDirectory()) throw Errno.EPERM.error(existing);
        Resolver.Lookup at = resolver.resolve(path, false);
        if (at.inode() != null) throw Errno.EEXIST.error(path);
        addEntry(at.parent(), at.entryName(Errno.EEXIST), source.ino(), source.kind());
        call.ctx.update("UPDATE fs.inodes SET nlink = nlink + 1, ctime = $2 WHERE ino = $1", source.ino(), call.now);
        return source.ino();
    }

    void unlink(String path) {
        Resolver.Lookup at = resolver.resolve(path, false);
        Inode inode = at.existing();
        if (inode.isDirectory()) throw Errno.EISDIR.error(path);
        removeEntry(at.parent(), at.entryName(Errno.EISDIR), inode.kind());
        dropLink(inode, path);
    }

    void rmdir(String path) {
        Resolver.Lookup at = resolver.resolve(path, false);
        Inode inode = at.existing();
        if (!inode.isDirectory()) throw Errno.ENOTDIR.error(path);
        String name = at.entryName(inode.ino() == FsSchema.ROOT ? Errno.EBUSY : Errno.EINVAL);
        requireEmpty(inode, path);
        removeEntry(at.parent(), name, inode.kind());
        dropLink(inode, path);
    }

    /**
     * rename(2): atomic, replacing an existing target of a compatible kind (an empty directory
     * for a directory, a non-directory otherwise); names of one inode leave both in place; a
     * directory never moves under itself (EINVAL). {@code noReplace} is renameat2's
     * RENAME_NOREPLACE (EEXIST when the target exists).
     */
    void rename(String from, String to, boolean noReplace) {
        Resolver.Lookup source = resolver.resolve(from, false);
        Inode moving = source.existing();
        String sourceName = source.entryName(moving.ino() == FsSchema.ROOT ? Errno.EBUSY : Errno.EINVAL);
        Resolver.Lookup target = resolver.resolve(to, false);
        String targetName = target.entryName(target.inode() != null && target.inode().ino() == FsSchema.ROOT ? Errno.EBUSY : Errno.EINVAL);
        Inode replaced = target.inode();
        if (replaced != null && noReplace) throw Errno.EEXIST.error(to);
        if (replaced != null && replaced.ino() == moving.ino()) return;
        if (moving.isDirectory()) {
            requireNotUnder(target.parent(), moving.ino(), to);
            if (replaced != null && !replaced.isDirectory()) throw Errno.ENOTDIR.error(to);
            if (replaced != null) requireEmpty(replaced, to);
        } else if (replaced != null && replaced.isDirectory()) {
            throw Errno.EISDIR.error(to);
        }
        if (replaced != null) {
            removeEntry(target.parent(), targetName, replaced.kind());
            dropLink(replaced, to);
        }
        removeEntry(source.parent(), sourceName, moving.kind());
        addEntry(target.parent(), targetName, moving.ino(), moving.kind());
        if (moving.isDirectory() && source.parent() != target.parent()) {
            call.ctx.update("UPDATE fs.inodes SET parent = $2, ctime = $3 WHERE ino = $1", moving.ino(), target.parent(), call.now);
        } else {
            call.touchChange(moving.ino());
        }
    }

    /** EINVAL when {@code directory} is {@code ancestor} or lies under it (walks parent links up to the root). */
    private void requireNotUnder(long directory, long ancestor, String path) {
        long at = directory;
        while (true) {
            if (at == ancestor) throw Errno.EINVAL.error(path);
            if (at == FsSchema.ROOT) return;
            at = call.inode(at).parent();
        }
    }

    private void requireEmpty(Inode directory, String path) {
        if (!call.ctx.query("SELECT name FROM fs.entries WHERE parent = $1 LIMIT 1", directory.ino()).isEmpty()) {
            throw Errno.ENOTEMPTY.error(path);
        }
    }

    private void addEntry(long parent, String name, long ino, String kind) {
        call.ctx.update("INSERT INTO fs.entries (parent, name, ino, kind) VALUES ($1, $2, $3, $4)", parent, name, ino, kind);
        call.directoryChanged(parent, kind.equals(FsSchema.DIRECTORY) ? 1 : 0);
    }

    /** Removes a name; a directory's parent loses the link its ".." held. */
    private void removeEntry(long parent, String name, String kind) {
        call.ctx.update("DELETE FROM fs.entries WHERE parent = $1 AND name = $2", parent, name);
        call.directoryChanged(parent, kind.equals(FsSchema.DIRECTORY) ? -1 : 0);
    }

    /**
     * One name of {@code inode} is gone: a directory goes with it, a file or symlink when its
     * last name goes (with its blocks and attributes). Open handles do not keep an unlinked
     * file alive (there is no open-file table).
     */
    private void dropLink(Inode inode, String path) {
        if (inode.isDirectory()) {
            freeInode(inode);
            return;
        }
        if (inode.nlink() > 1) {
            call.ctx.update("UPDATE fs.inodes SET nlink = nlink - 1, ctime = $2 WHERE ino = $1", inode.ino(), call.now);
            return;
        }
        if (inode.isFile()) {
            if (!new FileData(call).release(inode)) reclaimPending = true;
            call.bytes(-inode.size(), path);
        }
        freeInode(inode);
    }

    /** Whether every block of the files this call removed is gone (false: call fs.reclaim until it returns false). */
    boolean dataFreed() {
        return !reclaimPending;
    }

    private void freeInode(Inode inode) {
        call.ctx.update("DELETE FROM fs.xattrs WHERE ino = $1", inode.ino());
        call.ctx.update("DELETE FROM fs.inodes WHERE ino = $1", inode.ino());
        call.inodeFreed();
    }
}
