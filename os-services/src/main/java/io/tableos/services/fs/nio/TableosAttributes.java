package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FileStat;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An inode's attributes as NIO names them, read in one fs.stat call. */
record TableosAttributes(FileStat stat) implements PosixFileAttributes {
    private static final PosixFilePermission[] BITS = {  // from 0400 down to 0001
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) if ((mode & (0400 >> i)) != 0) out.add(BITS[i]);
        return out;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int i = 0; i < BITS.length; i++) if (permissions.contains(BITS[i])) mode |= 0400 >> i;
        return mode;
    }

    @Override public FileTime lastModifiedTime() { return FileTime.from(stat.mtime()); }
    @Override public FileTime lastAccessTime() { return FileTime.from(stat.atime()); }
    @Override public FileTime creationTime() { return FileTime.from(stat.btime()); }
    @Override public boolean isRegularFile() { return stat.isFile(); }
    @Override public boolean isDirectory() { return stat.isDirectory(); }
    @Override public boolean isSymbolicLink() { return stat.isSymlink(); }
    @Override public boolean isOther() { return stat.isSpecial(); }
    @Override public long size() { return stat.size(); }
    @Override public Object fileKey() { return stat.ino(); }
    @Override public UserPrincipal owner() { return new NumericPrincipal(stat.uid(), false); }
    @Override public GroupPrincipal group() { return new NumericPrincipal(stat.gid(), true); }
    @Override public Set<PosixFilePermission> permissions() { return permissions(stat.mode()); }

    /** The attributes of {@code view} ("basic", "posix", "owner" or "unix") named in {@code names} ("*": all). */
    Map<String, Object> asMap(String view, String names) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lastModifiedTime", lastModifiedTime());
        all.put("lastAccessTime", lastAccessTime());
        all.put("creationTime", creationTime());
        all.put("size", size());
        all.put("isRegularFile", isRegularFile());
        all.put("isDirectory", isDirectory());
        all.put("isSymbolicLink", isSymbolicLink());
        all.put("isOther", isOther());
        all.put("fileKey", fileKey());
        if (!view.equals("basic")) {
            all.put("owner", owner());
            if (!view.equals("owner")) {
                all.put("group", group());
                all.put("permissions", permissions());
            }
        }
        if (view.equals("unix")) {
            all.put("ino", stat.ino());
            all.put("nlink", stat.nlink());
            all.put("uid", stat.uid());
            all.put("gid", stat.gid());
            all.put("mode", stat.mode());
            all.put("ctime", FileTime.from(stat.ctime()));
        }
        if (names.equals("*")) return all;
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            if (!all.containsKey(name)) throw new IllegalArgumentException("no attribute " + view + ":" + name);
            chosen.put(name, all.get(name));
        }
        return chosen;
    }
}
