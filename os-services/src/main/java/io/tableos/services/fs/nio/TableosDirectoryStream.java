package io.tableos.services.fs.nio;

import io.tableos.services.fs.client.FsClient;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A directory's entries fetched a page of {@value TableosFileSystemProvider#READDIR_PAGE} at a
 * time in name order, so a directory of millions costs one page of memory. Like a POSIX
 * readdir, names added or removed while it runs may or may not appear.
 */
final class TableosDirectoryStream implements DirectoryStream<Path> {
    private final TableosFileSystemProvider provider;
    private final TableosPath dir;
    private final Filter<? super Path> filter;
    private boolean iterated;
    private boolean closed;

    TableosDirectoryStream(TableosFileSystemProvider provider, TableosPath dir, Filter<? super Path> filter) {
        this.provider = provider;
        this.dir = dir;
        this.filter = filter;
    }

    @Override
    public Iterator<Path> iterator() {
        if (closed || iterated) throw new IllegalStateException("a directory stream is iterated once, while open");
        iterated = true;
        return new Iterator<>() {
            private List<FsClient.Entry> page = List.of();
            private int next;
            private boolean last;
            private Path ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && !closed) {
                    if (next == page.size()) {
                        if (last) return false;
                        String after = page.isEmpty() ? null : page.get(page.size() - 1).name();
                        try {
                            page = provider.readdir(dir, after);
                        } catch (IOException e) {
                            throw new DirectoryIteratorException(e);
                        }
                        next = 0;
                        last = page.size() < TableosFileSystemProvider.READDIR_PAGE;
                        if (page.isEmpty()) return false;
                    }
                    Path candidate = dir.resolve(page.get(next++).name());
                    try {
                        if (filter == null || filter.accept(candidate)) ahead = candidate;
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    }
                }
                return ahead != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) throw new NoSuchElementException();
                Path out = ahead;
                ahead = null;
                return out;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
