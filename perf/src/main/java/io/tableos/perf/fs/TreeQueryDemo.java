package io.tableos.perf.fs;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The DBOS paper's demonstration: a question about a tree ("how many files over 8 KB, and
 * their total size, under each top-level directory?") answered by one SQL query over fs.files,
 * against walking the tree: through NIO on TableOS, and with find on the host's ext4 copy of
 * the same tree. The same tree (D top-level directories, each with S subdirectories of F
 * files of varied sizes) is written to both first; the answers must agree.
 *
 * <p>Usage: {@code TreeQueryDemo JDBC_URL EXT4_DIR dirs subdirs files}; prints key=value lines.
 */
public final class TreeQueryDemo {
    static final long OVER_BYTES = 8_192;

    private TreeQueryDemo() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path local = Path.of(args[1]);
        int dirs = Integer.parseInt(args[2]);
        int subdirs = Integer.parseInt(args[3]);
        int files = Integer.parseInt(args[4]);
        String name = "demo-" + System.nanoTime();
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("tableos://demo/"), Map.of("url", url, "connections", 4))) {
            Path remote = fs.getPath("/" + name);
            Path copy = local.resolve(name);
            build(remote, dirs, subdirs, files);
            build(copy, dirs, subdirs, files);

            long start = System.nanoTime();
            String sql = "SELECT split_part(path, '/', 3) AS top, count(*), sum(size) FROM fs.files"
                    + " WHERE path LIKE '/" + name + "/%' AND kind = 'file' AND size > " + OVER_BYTES + " GROUP BY 1 ORDER BY 1";
            StringBuilder sqlAnswer = new StringBuilder();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) sqlAnswer.append(r.getString(1)).append(':').append(r.getLong(2)).append(':').append(r.getLong(3)).append(' ');
            }
            double sqlMs = (System.nanoTime() - start) / 1e6;

            start = System.nanoTime();
            String walkAnswer = walk(remote);
            double walkMs = (System.nanoTime() - start) / 1e6;

            start = System.nanoTime();
            String findAnswer = find(copy);
            double findMs = (System.nanoTime() - start) / 1e6;

            if (!sqlAnswer.toString().equals(walkAnswer) || !walkAnswer.equals(findAnswer)) {
                throw new IllegalStateException("answers differ:\n sql  " + sqlAnswer + "\n walk " + walkAnswer + "\n find " + findAnswer);
            }
            System.out.println("demo_files=" + (long) dirs * subdirs * files);
            System.out.println("demo_answer=" + walkAnswer.trim().replace(' ', ','));
            System.out.printf("demo_sql_ms=%.1f%n", sqlMs);
            System.out.printf("demo_nio_walk_ms=%.1f%n", walkMs);
            System.out.printf("demo_find_ext4_ms=%.1f%n", findMs);
        }
    }

    private static void build(Path root, int dirs, int subdirs, int files) throws Exception {
        Files.createDirectory(root);
        byte[] data = new byte[20_000];
        for (int d = 0; d < dirs; d++) {
            for (int s = 0; s < subdirs; s++) {
                Path dir = Files.createDirectories(root.resolve("d" + d).resolve("s" + s));
                for (int f = 0; f < files; f++) {
                    try (OutputStream out = Files.newOutputStream(dir.resolve("f" + f))) {
                        out.write(data, 0, (d * 7919 + s * 104_729 + f * 1_299_709) % data.length);
                    }
                }
            }
        }
    }

    /** The answer by walking: per top-level directory, files over the size and their bytes. */
    private static String walk(Path root) throws Exception {
        Map<String, long[]> per = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (!a.isRegularFile() || a.size() <= OVER_BYTES) continue;
                long[] sum = per.computeIfAbsent(root.relativize(p).getName(0).toString(), k -> new long[2]);
                sum[0]++;
                sum[1] += a.size();
            }
        }
        StringBuilder out = new StringBuilder();
        per.forEach((k, v) -> out.append(k).append(':').append(v[0]).append(':').append(v[1]).append(' '));
        return out.toString();
    }

    /** The same answer from the host's find (one process per run, as a shell user would). */
    private static String find(Path root) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "cd '" + root + "' && find . -type f -size +" + OVER_BYTES + "c -printf '%P %s\\n'"
                + " | awk '{ split($1, a, \"/\"); n[a[1]]++; b[a[1]] += $2 } END { for (k in n) print k \":\" n[k] \":\" b[k] }' | sort")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim().replace('\n', ' ');
        if (p.waitFor() != 0) throw new IllegalStateException("find failed: " + out);
        return out.isEmpty() ? "" : out + " ";
    }
}
