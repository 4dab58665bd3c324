package io.tableos.services.fs.nio;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A '/'-separated path of a {@link TableosFileSystem}: immutable, an optional root and its
 * names (never empty strings). Relative paths resolve against the root, the only working
 * directory a file system in tables has. Pure string work: nothing here calls the server.
 */
final class TableosPath implements Path {
    private final TableosFileSystem fileSystem;
    private final boolean absolute;
    private final String[] names;

    TableosPath(TableosFileSystem fileSystem, boolean absolute, String[] names) {
        this.fileSystem = fileSystem;
        this.absolute = absolute;
        this.names = names;
    }

    static TableosPath parse(TableosFileSystem fileSystem, String path) {
        if (path.indexOf('\0') >= 0) throw new InvalidPathException(path, "NUL in path");
        List<String> names = new ArrayList<>();
        for (String part : path.split("/")) if (!part.isEmpty()) names.add(part);
        return new TableosPath(fileSystem, path.startsWith("/"), names.toArray(new String[0]));
    }

    /** The absolute path string the server's procedures take. */
    String serverPath() {
        return "/" + String.join("/", names);
    }

    @Override public FileSystem getFileSystem() { return fileSystem; }
    @Override public boolean isAbsolute() { return absolute; }
    @Override public Path getRoot() { return absolute ? new TableosPath(fileSystem, true, new String[0]) : null; }
    @Override public int getNameCount() { return names.length; }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new TableosPath(fileSystem, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) return null;
        return new TableosPath(fileSystem, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public Path getName(int index) {
        if (index < 0 || index >= names.length) throw new IllegalArgumentException("no name " + index + " in " + this);
        return new TableosPath(fileSystem, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > names.length || beginIndex >= endIndex) throw new IllegalArgumentException();
        return new TableosPath(fileSystem, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        TableosPath o = check(other);
        if (o.absolute != absolute || o.names.length > names.length) return false;
        for (int i = 0; i < o.names.length; i++) if (!o.names[i].equals(names[i])) return false;
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        TableosPath o = check(other);
        if (o.absolute) return equals(o);
        if (o.names.length > names.length) return false;
        for (int i = 1; i <= o.names.length; i++) if (!o.names[o.names.length - i].equals(names[names.length - i])) return false;
        return true;
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) continue;
            if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) out.remove(out.size() - 1);
            else if (!(n.equals("..") && absolute)) out.add(n);
        }
        return new TableosPath(fileSystem, absolute, out.toArray(new String[0]));
    }

    @Override
    public Path resolve(Path other) {
        TableosPath o = check(other);
        if (o.absolute) return o;
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return new TableosPath(fileSystem, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        TableosPath o = check(other);
        if (o.absolute != absolute) throw new IllegalArgumentException("one path is absolute, the other not");
        int common = 0;
        while (common < names.length && common < o.names.length && names[common].equals(o.names[common])) common++;
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) out.add("..");
        out.addAll(Arrays.asList(o.names).subList(common, o.names.length));
        return new TableosPath(fileSystem, false, out.toArray(new String[0]));
    }

    @Override
    public URI toUri() {
        return fileSystem.uri().resolve(encoded(serverPath()));
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new TableosPath(fileSystem, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        Path real = toAbsolutePath().normalize();
        fileSystem.provider().checkAccess(real);
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("watching a tableos file system is not supported");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(check(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableosPath p && p.fileSystem == fileSystem && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        return absolute ? serverPath() : String.join("/", names);
    }

    private TableosPath check(Path other) {
        if (!(other instanceof TableosPath p) || p.fileSystem != fileSystem) throw new ProviderMismatchException();
        return p;
    }

    /** A path's URI form: what a URI may not hold percent-encoded. */
    private static String encoded(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new InvalidPathException(path, e.getMessage());
        }
    }
}
