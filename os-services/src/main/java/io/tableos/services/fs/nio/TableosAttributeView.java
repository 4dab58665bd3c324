package io.tableos.services.fs.nio;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** The basic, owner and posix views of one path: each read or change is one procedure call. */
final class TableosAttributeView implements PosixFileAttributeView {
    private final TableosFileSystemProvider provider;
    private final TableosPath path;
    private final boolean follow;

    TableosAttributeView(TableosFileSystemProvider provider, TableosPath path, boolean follow) {
        this.provider = provider;
        this.path = path;
        this.follow = follow;
    }

    @Override public String name() { return "posix"; }

    @Override
    public TableosAttributes readAttributes() throws IOException {
        return provider.attributes(path, follow);
    }

    /** A null time stays as it is (fs.utimens would take null as now, so the current value is sent). */
    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
        if (lastModifiedTime == null && lastAccessTime == null) return;
        TableosAttributes now = readAttributes();
        java.time.Instant mtime = (lastModifiedTime == null ? now.lastModifiedTime() : lastModifiedTime).toInstant();
        java.time.Instant atime = (lastAccessTime == null ? now.lastAccessTime() : lastAccessTime).toInstant();
        provider.run(path, c -> {
            c.utimens(path.serverPath(), atime, mtime, follow);
            return null;
        });
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> permissions) throws IOException {
        int mode = TableosAttributes.mode(permissions);
        provider.run(path, c -> {
            c.chmod(path.serverPath(), mode);
            return null;
        });
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
        int uid = principal(owner).id();
        provider.run(path, c -> {
            c.chown(path.serverPath(), uid, null, follow);
            return null;
        });
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
        int gid = principal(group).id();
        provider.run(path, c -> {
            c.chown(path.serverPath(), null, gid, follow);
            return null;
        });
    }

    private static NumericPrincipal principal(UserPrincipal p) throws IOException {
        if (p instanceof NumericPrincipal n) return n;
        return NumericPrincipal.parse(p.getName(), p instanceof GroupPrincipal);
    }
}
