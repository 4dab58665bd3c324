package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FsClientPool;
import java.net.URI;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;

/**
 * One cluster's file system, reached through a pool of connections. Its URI is
 * {@code tableos://NAME/}, NAME the key the provider files it under (several clusters may be
 * open at once). User and group principals are numeric ids ("1000").
 */
final class TableosFileSystem extends FileSystem {
    private final TableosFileSystemProvider provider;
    private final URI uri;
    final FsClientPool clients;
    private volatile boolean open = true;

    TableosFileSystem(TableosFileSystemProvider provider, URI uri, FsClientPool clients) {
        this.provider = provider;
        this.uri = uri;
        this.clients = clients;
    }

    URI uri() {
        return uri;
    }

    void checkOpen() {
        if (!open) throw new ClosedFileSystemException();
    }

    @Override public TableosFileSystemProvider provider() { return provider; }
    @Override public boolean isOpen() { return open; }
    @Override public boolean isReadOnly() { return false; }
    @Override public String getSeparator() { return "/"; }
    @Override public Iterable<Path> getRootDirectories() { return List.of(getPath("/")); }
    @Override public Iterable<FileStore> getFileStores() { return List.of(new TableosFileStore(this)); }
    @Override public Set<String> supportedFileAttributeViews() { return Set.of("basic", "posix", "owner", "unix"); }

    @Override
    public void close() {
        if (!open) return;
        open = false;
        clients.close();
        provider.closed(this);
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder path = new StringBuilder(first);
        for (String m : more) if (!m.isEmpty()) path.append('/').append(m);
        return TableosPath.parse(this, path.toString());
    }

    /** The platform's glob and regex syntax, applied to this path's string form. */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(Path.of(path.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public java.nio.file.attribute.UserPrincipal lookupPrincipalByName(String name) throws UserPrincipalNotFoundException {
                return NumericPrincipal.parse(name, false);
            }

            @Override
            public java.nio.file.attribute.GroupPrincipal lookupPrincipalByGroupName(String group) throws UserPrincipalNotFoundException {
                return NumericPrincipal.parse(group, true);
            }
        };
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watching a tableos file system is not supported");
    }
}
