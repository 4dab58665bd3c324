package io.tableos.services.fs.posix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pjdfstest-style case runner: the cases are data ({@code cases.txt} beside this class, whose
 * header gives the format), each line one system call with its expected result, grouped as
 * pjdfstest groups them; {@link #run} executes every group in a fresh directory under a base
 * directory (a host file system or the FUSE mount) and returns each line's outcome. Lines marked
 * {@code !mount REASON} are known differences of the mount: on the mount they are expected to
 * give another result than the one written (the one ext4 gives).
 */
public final class PosixCases {
    /** One line: what it expects, the call, and the reason it differs on the mount (null: it must not). */
    public record Case(String group, int line, String expected, int uid, int gid, List<String> call, String mountDifference) {
        @Override
        public String toString() {
            return "[" + group + "] line " + line + ": " + expected + (uid >= 0 ? " -u " + uid + " -g " + gid : "") + " " + String.join(" ", call);
        }
    }

    /** What a case gave where it ran. */
    public record Outcome(Case which, String actual) {
        public boolean passed() {
            return which.expected().equals(actual);
        }
    }

    private static final Map<String, Integer> OPEN_FLAGS = Map.of("O_RDONLY", 0, "O_WRONLY", 1, "O_RDWR", 2, "O_CREAT", 0100,
            "O_EXCL", 0200, "O_TRUNC", 01000, "O_APPEND", 02000, "O_DIRECTORY", 0200000, "O_NOFOLLOW", 0400000);
    private static final int S_IFIFO = 0010000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFCHR = 0020000;
    /** How near now an mtime must be to print as "recent" (a call just made it now; the cases set old ones first). */
    private static final long RECENT_SECONDS = 600;

    private final Syscalls sys = new Syscalls();

    /** The cases of {@code cases.txt}, in file order. */
    public static List<Case> load() throws IOException {
        try (InputStream in = PosixCases.class.getResourceAsStream("cases.txt")) {
            if (in == null) throw new IOException("cases.txt is missing beside " + PosixCases.class.getName());
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String group = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                group = line.substring(1, line.indexOf(']'));
                continue;
            }
            String difference = null;
            int mark = line.indexOf(" !mount ");
            if (mark >= 0) {
                difference = line.substring(mark + " !mount ".length()).strip();
                line = line.substring(0, mark).strip();
            }
            List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
            String expected = words.remove(0);
            int uid = -1;
            int gid = -1;
            while (words.get(0).equals("-u") || words.get(0).equals("-g")) {
                String option = words.remove(0);
                int id = Integer.parseInt(words.remove(0));
                if (option.equals("-u")) uid = id; else gid = id;
            }
            if (group == null) throw new IllegalArgumentException("line " + (i + 1) + " is outside a [group]");
            cases.add(new Case(group, i + 1, expected, uid, gid, List.copyOf(words), difference));
        }
        return cases;
    }

    /**
     * Runs {@code cases} under {@code base}, each group in a directory of its own ({@code base}
     * and those get mode 0755, so the other users of the cases can search them); {@code otherFileSystem} is a directory on
     * another file system (for EXDEV).
     */
    public List<Outcome> run(List<Case> cases, Path base, Path otherFileSystem) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        searchable(base);
        String current = null;
        Path directory = null;
        int groups = 0;
        for (Case c : cases) {
            if (!c.group().equals(current)) {
                current = c.group();
                directory = base.resolve("g" + groups++);
                Files.createDirectory(directory);
                searchable(directory);
            }
            Path dir = directory;
            List<String> args = arguments(c.call(), dir, otherFileSystem);
            String actual = c.uid() >= 0 ? errnoOrValue(sys.asUser(c.uid(), c.gid(), () -> code(c.call().get(0), args)), null)
                    : call(c.call().get(0), args);
            outcomes.add(new Outcome(c, actual));
        }
        return outcomes;
    }

    private void searchable(Path directory) throws IOException {
        if (sys.libc().chmod(directory.toString(), 0755) != 0) throw new IOException("chmod 0755 " + directory);
    }

    /** The call's arguments with names substituted; a symlink's target stays as written (relative to the link). */
    private static List<String> arguments(List<String> call, Path dir, Path otherFileSystem) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < call.size(); i++) {
            boolean target = call.get(0).equals("symlink") && i == 1;
            out.add(target && !call.get(i).startsWith("${") ? call.get(i) : substitute(call.get(i), dir, otherFileSystem));
        }
        return out;
    }

    /** Calls that print a value (lstat, readlink) run as root only; the others return their errno. */
    private String call(String name, List<String> a) {
        int[] errno = new int[1];
        switch (name) {
            case "lstat" -> {
                Syscalls.Stat st = sys.lstat(a.get(0), errno);
                return st == null ? Errnos.name(errno[0]) : fields(st, a.get(1));
            }
            case "readlink" -> {
                String target = sys.readlink(a.get(0), errno);
                return target == null ? Errnos.name(errno[0]) : target;
            }
            default -> {
                return errnoOrValue(code(name, a), null);
            }
        }
    }

    private int code(String name, List<String> a) {
        Syscalls.LibC c = sys.libc();
        return switch (name) {
            case "open" -> sys.open(a.get(0), openFlags(a.get(1)), a.size() > 2 ? octal(a.get(2)) : 0);
            case "write" -> sys.write(a.get(0), a.get(1));
            case "mkdir" -> sys.errno(c.mkdir(a.get(0), octal(a.get(1))));
            case "rmdir" -> sys.errno(c.rmdir(a.get(0)));
            case "unlink" -> sys.errno(c.unlink(a.get(0)));
            case "rename" -> sys.errno(c.rename(a.get(0), a.get(1)));
            case "link" -> sys.errno(c.link(a.get(0), a.get(1)));
            case "symlink" -> sys.errno(c.symlink(a.get(0), a.get(1)));
            case "chmod" -> sys.errno(c.chmod(a.get(0), octal(a.get(1))));
            case "chown" -> sys.errno(c.chown(a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2))));
            case "lchown" -> sys.errno(c.lchown(a.get(0), Integer.parseInt(a.get(1)), Integer.parseInt(a.get(2))));
            case "truncate" -> sys.errno(c.truncate(a.get(0), Long.parseLong(a.get(1))));
            case "mkfifo" -> sys.errno(c.mknod(a.get(0), S_IFIFO | octal(a.get(1)), 0));
            case "mknod" -> sys.errno(c.mknod(a.get(0), S_IFREG | octal(a.get(1)), 0));
            case "mkchr" -> sys.errno(c.mknod(a.get(0), S_IFCHR | octal(a.get(1)),
                    device(Integer.parseInt(a.get(2)), Integer.parseInt(a.get(3)))));
            case "utimensat" -> sys.utimens(a.get(0), Long.parseLong(a.get(1)), Long.parseLong(a.get(2)),
                    a.size() > 3 && a.get(3).equals("NOFOLLOW"));
            default -> throw new IllegalArgumentException("no such call in the cases: " + name);
        };
    }

    private static String errnoOrValue(int errno, String value) {
        return errno != 0 ? Errnos.name(errno) : value == null ? "0" : value;
    }

    private static String fields(Syscalls.Stat st, String names) {
        List<String> out = new ArrayList<>();
        for (String f : names.split(",")) {
            out.add(switch (f) {
                case "type" -> st.type();
                case "mode" -> "0" + Integer.toOctalString(st.mode() & 07777);
                case "nlink" -> Long.toString(st.nlink());
                case "uid" -> Integer.toString(st.uid());
                case "gid" -> Integer.toString(st.gid());
                case "size" -> Long.toString(st.size());
                case "atime" -> Long.toString(st.atime());
                case "mtime" -> Long.toString(st.mtime());
                case "mtime_recent" -> Math.abs(System.currentTimeMillis() / 1000 - st.mtime()) <= RECENT_SECONDS ? "recent"
                        : Long.toString(st.mtime());
                default -> throw new IllegalArgumentException("no such lstat field: " + f);
            });
        }
        return String.join(",", out);
    }

    /** n0..n9 (with any /suffix) name entries of the group's directory, x0.. of the other file system. */
    static String substitute(String arg, Path dir, Path otherFileSystem) {
        String a = arg.replace("${name255}", "n".repeat(255)).replace("${name256}", "n".repeat(256));
        if (a.equals("${path4096}")) return longPath(dir, 4096);
        if (a.matches("n\\d(/.*)?|n{255,256}(/.*)?")) return dir.resolve(a).toString();
        if (a.matches("x\\d")) return otherFileSystem.resolve(a).toString();
        return a;
    }

    /** An absolute path of exactly {@code bytes} bytes under {@code dir}. */
    private static String longPath(Path dir, int bytes) {
        StringBuilder p = new StringBuilder(dir.toString());
        while (p.length() < bytes) p.append('/').append("d".repeat(Math.min(200, Math.max(1, bytes - p.length() - 1))));
        return p.substring(0, bytes);
    }

    private static int openFlags(String names) {
        int flags = 0;
        for (String n : names.split(",")) {
            Integer f = OPEN_FLAGS.get(n);
            if (f == null) throw new IllegalArgumentException("no such open flag: " + n);
            flags |= f;
        }
        return flags;
    }

    /** glibc's makedev for numbers below 256 and 4096. */
    private static long device(int major, int minor) {
        return ((long) major << 8) | minor;
    }

    private static int octal(String mode) {
        return Integer.parseInt(mode, 8);
    }
}
