package io.tableos.perf.fs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** The operations through java.nio.file under {@code root}: TableOS's NIO provider, or the host's file system. */
final class PathOps implements MetadataOps {
    private final Path root;

    PathOps(Path root) {
        this.root = root;
    }

    private Path at(String path) {
        return root.resolve(path.substring(1));
    }

    @Override public void mkdir(String path) throws Exception { Files.createDirectory(at(path)); }
    @Override public void create(String path) throws Exception { Files.createFile(at(path)); }
    @Override public void stat(String path) throws Exception { Files.readAttributes(at(path), BasicFileAttributes.class); }
    @Override public void rename(String from, String to) throws Exception { Files.move(at(from), at(to), StandardCopyOption.ATOMIC_MOVE); }
    @Override public void unlink(String path) throws Exception { Files.delete(at(path)); }

    @Override
    public int list(String path) throws Exception {
        try (Stream<Path> s = Files.list(at(path))) {
            return (int) s.count();
        }
    }

    @Override
    public void close() {}
}
