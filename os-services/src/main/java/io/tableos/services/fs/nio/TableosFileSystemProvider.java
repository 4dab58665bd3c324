package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FsClientPool;
import io.tableos.services.fs.Errno;
import io.tableos.services.fs.client.FileStat;
import io.tableos.services.fs.client.FsClient;
import io.tableos.services.fs.client.FsException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.spi.FileSystemProvider;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NIO provider of {@code tableos:} URIs: {@code FileSystems.newFileSystem(URI.create("tableos://NAME/"), env)}
 * opens a cluster's file system, env holding {@value #URL} (a pgJDBC URL of the cluster; add
 * {@code targetServerType=primary} to a multi-host URL to follow the leader), {@value #USER},
 * {@value #PASSWORD} and optionally {@value #CONNECTIONS} (default {@value #CONNECTIONS_DEFAULT})
 * and {@value #FAILOVER_MILLIS} (default {@value #FAILOVER_MILLIS_DEFAULT}). Each operation
 * is one or two procedure calls; {@link Errno}s become NIO's exceptions. Listed in
 * META-INF/services, so {@code Path.of(URI)} finds it.
 */
public final class TableosFileSystemProvider extends FileSystemProvider {
    public static final String SCHEME = "tableos";
    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String CONNECTIONS = "connections";
    public static final String FAILOVER_MILLIS = "failoverMillis";
    static final int CONNECTIONS_DEFAULT = 4;
    static final long FAILOVER_MILLIS_DEFAULT = 30_000;
    /** Entries one readdir call fetches for a directory stream. */
    static final int READDIR_PAGE = 1_000;

    private final Map<String, TableosFileSystem> fileSystems = new ConcurrentHashMap<>();

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        String name = name(uri);
        String url = (String) env.get(URL);
        if (url == null) throw new IllegalArgumentException("env must name the cluster's JDBC url (\"" + URL + "\")");
        Properties properties = new Properties();
        if (env.get(USER) != null) properties.setProperty("user", String.valueOf(env.get(USER)));
        if (env.get(PASSWORD) != null) properties.setProperty("password", String.valueOf(env.get(PASSWORD)));
        int connections = env.get(CONNECTIONS) == null ? CONNECTIONS_DEFAULT : Integer.parseInt(String.valueOf(env.get(CONNECTIONS)));
        long failover = env.get(FAILOVER_MILLIS) == null ? FAILOVER_MILLIS_DEFAULT : Long.parseLong(String.valueOf(env.get(FAILOVER_MILLIS)));
        FsClientPool clients = new FsClientPool(() -> DriverManager.getConnection(url, properties), failover, connections);
        TableosFileSystem fs = new TableosFileSystem(this, URI.create(SCHEME + "://" + name + "/"), clients);
        if (fileSystems.putIfAbsent(name, fs) != null) {
            clients.close();
            throw new FileSystemAlreadyExistsException(uri.toString());
        }
        return fs;
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        TableosFileSystem fs = fileSystems.get(name(uri));
        if (fs == null) throw new FileSystemNotFoundException(uri.toString());
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return getFileSystem(uri).getPath(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    void closed(TableosFileSystem fs) {
        fileSystems.remove(fs.uri().getAuthority(), fs);
    }

    private static String name(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) throw new IllegalArgumentException("not a tableos: URI: " + uri);
        String authority = uri.getAuthority();
        if (authority == null || authority.isEmpty()) throw new IllegalArgumentException("a tableos: URI names its file system: tableos://NAME/");
        return authority;
    }

    // ---- calls and errors ----

    <T> T run(TableosPath path, FsClientPool.Call<T> call) throws IOException {
        ((TableosFileSystem) path.getFileSystem()).checkOpen();
        try {
            return ((TableosFileSystem) path.getFileSystem()).clients.call(call);
        } catch (FsException e) {
            throw translate(e, path.toString(), null);
        }
    }

    static IOException translate(FsException e, String path, String other) {
        IOException out = switch (e.errno()) {
            case ENOENT -> new NoSuchFileException(path, other, null);
            case EEXIST -> new FileAlreadyExistsException(other != null ? other : path);
            case ENOTEMPTY -> new DirectoryNotEmptyException(other != null ? other : path);
            case ENOTDIR -> new NotDirectoryException(path);
            case ELOOP -> new FileSystemLoopException(path);
            case EXDEV -> new AtomicMoveNotSupportedException(path, other, e.getMessage());
            default -> new FileSystemException(path, other, e.getMessage());
        };
        out.initCause(e);
        return out;
    }

    private static TableosPath check(Path path) {
        if (!(path instanceof TableosPath p)) throw new ProviderMismatchException();
        return p;
    }

    private static boolean follows(Object[] options) {
        return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(FileAttribute<?>[] attributes, int otherwise) {
        for (FileAttribute<?> a : attributes) {
            if (a.name().equals("posix:permissions")) {
                @SuppressWarnings("unchecked") Set<PosixFilePermission> p = (Set<PosixFilePermission>) a.value();
                return TableosAttributes.mode(p);
            }
            throw new UnsupportedOperationException("attribute " + a.name() + " cannot be set at creation");
        }
        return otherwise;
    }

    TableosAttributes attributes(TableosPath path, boolean follow) throws IOException {
        return new TableosAttributes(run(path, c -> c.stat(path.serverPath(), follow)));
    }

    // ---- files and directories ----

    @Override
    public SeekableByteChannel newByteChannel(Path p, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException {
        TableosPath path = check(p);
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean write = append || options.contains(StandardOpenOption.WRITE);
        boolean read = options.contains(StandardOpenOption.READ) || !write;
        if (append && options.contains(StandardOpenOption.READ)) throw new IllegalArgumentException("READ + APPEND not allowed");
        boolean follow = !options.contains(LinkOption.NOFOLLOW_LINKS);
        int mode = mode(attributes, 0644);
        long ino;
        if (write && options.contains(StandardOpenOption.CREATE_NEW)) {
            ino = run(path, c -> c.create(path.serverPath(), mode, true));
        } else if (write && options.contains(StandardOpenOption.CREATE)) {
            ino = run(path, c -> c.create(path.serverPath(), mode, false));
        } else {
            FileStat stat = run(path, c -> c.stat(path.serverPath(), follow));
            if (stat.isDirectory() && write) throw new FileSystemException(path.toString(), null, "EISDIR: is a directory");
            if (stat.isSymlink()) throw new FileSystemException(path.toString(), null, "ELOOP: a symbolic link (NOFOLLOW_LINKS)");
            ino = stat.ino();
        }
        if (write && options.contains(StandardOpenOption.TRUNCATE_EXISTING) && !append) {
            run(path, c -> {
                c.ftruncate(ino, 0);
                return null;
            });
        }
        if (read && !write && run(path, c -> c.istat(ino)).isDirectory()) {
            throw new FileSystemException(path.toString(), null, "EISDIR: is a directory");
        }
        return new TableosChannel(((TableosFileSystem) path.getFileSystem()).clients, ino, read, write, append);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        TableosPath path = check(dir);
        if (!attributes(path, true).isDirectory()) throw new NotDirectoryException(path.toString());
        return new TableosDirectoryStream(this, path, filter);
    }

    /** One page of readdir, for {@link TableosDirectoryStream}. */
    java.util.List<FsClient.Entry> readdir(TableosPath dir, String after) throws IOException {
        return run(dir, c -> c.readdir(dir.serverPath(), after, READDIR_PAGE));
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
        TableosPath path = check(dir);
        int mode = mode(attributes, 0755);
        run(path, c -> c.mkdir(path.serverPath(), mode));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) throws IOException {
        TableosPath path = check(link);
        String to = check(target).toString();
        run(path, c -> c.symlink(to, path.serverPath()));
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        TableosPath path = check(link);
        TableosPath from = check(existing);
        run(path, c -> c.link(from.serverPath(), path.serverPath()));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        TableosPath path = check(link);
        try {
            return path.getFileSystem().getPath(run(path, c -> c.readlink(path.serverPath())));
        } catch (FileSystemException e) {
            if (e.getCause() instanceof FsException f && f.errno() == Errno.EINVAL) throw new NotLinkException(path.toString());
            throw e;
        }
    }

    @Override
    public void delete(Path p) throws IOException {
        TableosPath path = check(p);
        FileStat stat = run(path, c -> c.stat(path.serverPath(), false));
        run(path, c -> {
            if (stat.isDirectory()) c.rmdir(path.serverPath()); else c.unlink(path.serverPath());
            return null;
        });
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        TableosPath from = check(source);
        TableosPath to = check(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        TableosAttributes attributes = attributes(from, follows(options));
        if (from.equals(to)) return;
        if (replace) deleteIfExists(to);
        if (attributes.isDirectory()) {
            createDirectory(to);
        } else if (attributes.isSymbolicLink()) {
            createSymbolicLink(to, readSymbolicLink(from));
        } else {
            try (SeekableByteChannel in = newByteChannel(from, Set.of(StandardOpenOption.READ));
                 SeekableByteChannel out = newByteChannel(to, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
                ByteBuffer buffer = ByteBuffer.allocate(TableosChannel.CHUNK_BYTES);
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) out.write(buffer);
                    buffer.clear();
                }
            }
        }
        if (Arrays.asList(options).contains(StandardCopyOption.COPY_ATTRIBUTES)) {
            TableosAttributeView view = new TableosAttributeView(this, to, false);
            view.setPermissions(attributes.permissions());
            view.setTimes(attributes.lastModifiedTime(), attributes.lastAccessTime(), null);
        }
    }

    /** Always atomic (one fs.rename); without REPLACE_EXISTING an existing target fails the move (renameat2's RENAME_NOREPLACE). */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        TableosPath from = check(source);
        TableosPath to = check(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        ((TableosFileSystem) from.getFileSystem()).checkOpen();
        try {
            ((TableosFileSystem) from.getFileSystem()).clients.call(c -> {
                c.rename(from.serverPath(), to.serverPath(), !replace);
                return null;
            });
        } catch (FsException e) {
            throw translate(e, from.toString(), to.toString());
        }
    }

    @Override
    public boolean isSameFile(Path a, Path b) throws IOException {
        if (a.equals(b)) return true;
        if (!(a instanceof TableosPath pa) || !(b instanceof TableosPath pb) || pa.getFileSystem() != pb.getFileSystem()) return false;
        return attributes(pa, true).fileKey().equals(attributes(pb, true).fileKey());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        return new TableosFileStore((TableosFileSystem) check(path).getFileSystem());
    }

    /** Existence only: permissions are stored, not enforced, by this file system. */
    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        attributes(check(path), true);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (!type.isAssignableFrom(TableosAttributeView.class)) return null;
        return type.cast(new TableosAttributeView(this, check(path), follows(options)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        if (!type.isAssignableFrom(TableosAttributes.class)) throw new UnsupportedOperationException("no attributes " + type);
        return (A) attributes(check(path), follows(options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        if (!Set.of("basic", "posix", "owner", "unix").contains(view)) throw new UnsupportedOperationException("no view " + view);
        return attributes(check(path), follows(options)).asMap(view, attributes.substring(colon + 1));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        TableosAttributeView view = new TableosAttributeView(this, check(path), follows(options));
        String name = attribute.substring(attribute.indexOf(':') + 1);
        switch (name) {
            case "lastModifiedTime" -> view.setTimes((FileTime) value, null, null);
            case "lastAccessTime" -> view.setTimes(null, (FileTime) value, null);
            case "creationTime" -> { }  // birth time is kept as created, as on Linux
            case "permissions" -> {
                @SuppressWarnings("unchecked") Set<PosixFilePermission> p = (Set<PosixFilePermission>) value;
                view.setPermissions(p);
            }
            case "owner" -> view.setOwner((java.nio.file.attribute.UserPrincipal) value);
            case "group" -> view.setGroup((java.nio.file.attribute.GroupPrincipal) value);
            default -> throw new UnsupportedOperationException("cannot set " + attribute);
        }
    }
}
