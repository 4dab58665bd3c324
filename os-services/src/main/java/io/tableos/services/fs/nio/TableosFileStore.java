package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FsClient;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/** The one store of a file system: its sizes come from fs.statfs (the quota, or a nominal petabyte without one). */
final class TableosFileStore extends FileStore {
    private final TableosFileSystem fileSystem;

    TableosFileStore(TableosFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    private FsClient.FsStats stats() throws IOException {
        return fileSystem.clients.call(FsClient::statfs);
    }

    @Override public String name() { return fileSystem.uri().toString(); }
    @Override public String type() { return "tableos"; }
    @Override public boolean isReadOnly() { return false; }
    @Override public long getTotalSpace() throws IOException { FsClient.FsStats s = stats(); return s.blocks() * s.blockSize(); }
    @Override public long getUsableSpace() throws IOException { FsClient.FsStats s = stats(); return s.blocksFree() * s.blockSize(); }
    @Override public long getUnallocatedSpace() throws IOException { return getUsableSpace(); }
    @Override public long getBlockSize() throws IOException { return stats().blockSize(); }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type.isAssignableFrom(TableosAttributeView.class);
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return fileSystem.supportedFileAttributeViews().contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        throw new UnsupportedOperationException("no file store attribute " + attribute);
    }
}
