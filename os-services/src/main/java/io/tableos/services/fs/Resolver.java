package io.tableos.services.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Path lookup inside a procedure: one primary-key read of {@code fs.entries} per component.
 * Paths are absolute and '/'-separated; empty components and "." are skipped, ".." goes to the
 * directory's parent (the root's parent is the root). Symbolic links met before the last
 * component are always followed (relative targets from the link's directory), the last one when
 * the operation asks, at most {@value Limits#SYMLINKS_FOLLOWED_MAX} per lookup (ELOOP).
 */
final class Resolver {
    /**
     * Where a path leads: the directory holding its last component, that component's name and
     * the inode it names (null: none). A path ending at the root or in "." or ".." has no
     * name ({@code name == null}) and always an inode.
     */
    record Lookup(String path, long parent, String name, Inode inode) {
        Inode existing() {
            if (inode == null) throw Errno.ENOENT.error(path);
            return inode;
        }

        /** The name a creation or removal acts on; the root, "." and ".." are refused as POSIX does. */
        String entryName(Errno whenNone) {
            if (name == null) throw whenNone.error(path);
            return name;
        }
    }

    private final FsCall call;

    Resolver(FsCall call) {
        this.call = call;
    }

    Lookup resolve(String path, boolean followLast) {
        Deque<String> pending = components(path);
        long dir = FsSchema.ROOT;
        int followed = 0;
        if (pending.isEmpty()) return new Lookup(path, FsSchema.ROOT, null, call.inode(FsSchema.ROOT));
        while (true) {
            String name = pending.poll();
            boolean last = pending.isEmpty();
            if (name.equals("..")) {
                dir = call.inode(dir).parent();
                if (last) return new Lookup(path, dir, null, call.inode(dir));
                continue;
            }
            List<Object[]> entry = call.ctx.query("SELECT ino, kind FROM fs.entries WHERE parent = $1 AND name = $2", dir, name);
            if (entry.isEmpty()) {
                if (last) return new Lookup(path, dir, name, null);
                throw Errno.ENOENT.error(path);
            }
            long ino = ((Number) entry.get(0)[0]).longValue();
            String kind = (String) entry.get(0)[1];
            if (kind.equals(FsSchema.SYMLINK) && (!last || followLast)) {
                if (++followed > Limits.SYMLINKS_FOLLOWED_MAX) throw Errno.ELOOP.error(path);
                String target = call.inode(ino).target();
                Deque<String> expanded = components(target);
                expanded.addAll(pending);
                pending = expanded;
                if (target.startsWith("/")) dir = FsSchema.ROOT;
                if (pending.isEmpty()) return new Lookup(path, dir, null, call.inode(dir));
                continue;
            }
            if (last) return new Lookup(path, dir, name, call.inode(ino));
            if (!kind.equals(FsSchema.DIRECTORY)) throw Errno.ENOTDIR.error(path);
            dir = ino;
        }
    }

    /** The inode {@code path} names, following a final symlink; ENOENT when there is none. */
    Inode existing(String path) {
        return resolve(path, true).existing();
    }

    /** The components of {@code path} without empty ones and "."; ENAMETOOLONG past the POSIX limits. */
    static Deque<String> components(String path) {
        if (path == null || path.isEmpty()) throw Errno.ENOENT.error(String.valueOf(path));
        if (path.getBytes(StandardCharsets.UTF_8).length > Limits.PATH_BYTES_MAX) throw Errno.ENAMETOOLONG.error(path);
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.getBytes(StandardCharsets.UTF_8).length > Limits.NAME_BYTES_MAX) throw Errno.ENAMETOOLONG.error(path);
            if (part.indexOf('\0') >= 0) throw Errno.EINVAL.error(path);
            out.add(part);
        }
        return out;
    }
}
