package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.cluster.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system on a local 3-node cluster through NIO, with the leader SIGKILLed twice (each
 * time restarted) while {@value #WRITERS} writers stream writes, renames of files and of
 * directories, and hard links. Each writer keeps a model of what was acknowledged. A call cut
 * off by the kill is repeated on the new leader by the client; where the repeat finds the
 * first attempt committed (a rename's source gone and its target there; a link's name already
 * naming the file) the outcome is settled by looking. Afterwards a walk of the tree must equal
 * the models: the same paths, contents, link counts (files: their names; directories: 2 plus
 * subdirectories), every directory's ".." its parent, and fs.config's counters its inodes.
 */
class FsClusterTest {
    static final int WRITERS = 2;
    static final int OPERATIONS = 150;
    static final int SUBDIRECTORIES = 3;
    /** How long a call is repeated while a new leader is elected and migrates (slow on a loaded 2-core machine). */
    static final long FAILOVER_MILLIS = 120_000;

    @TempDir
    Path dir;

    /** One writer's acknowledged state: path (relative to its directory) → file id, file id → content. */
    static final class Model {
        final Map<String, Integer> paths = new TreeMap<>();
        final Map<Integer, String> contents = new HashMap<>();
        final List<String> directories = new ArrayList<>();
    }

    @Test
    void everyAcknowledgedWriteAndRenameSurvivesLeaderKills() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3); FileSystem fs = FsNode.nio("cluster", cluster.jdbcUrl(), WRITERS + 1, FAILOVER_MILLIS)) {
            writeWhileKillingLeaders(cluster, fs.getPath("/"));
            assertFollowersServeReads(cluster);
        }
    }

    /**
     * The scenario, through any view of the cluster's file system whose root is {@code root}
     * (NIO here, the FUSE mount in {@link FuseClusterTest}): writers stream into {@code root/wN}
     * while the leader is killed twice, then the walk must equal the models.
     */
    static void writeWhileKillingLeaders(TestCluster cluster, Path root) throws Exception {
        AtomicInteger done = new AtomicInteger();
        Map<Integer, Model> models = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    models.put(writer, write(root.resolve("w" + writer), done));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "fs-writer-" + w);
            threads.add(t);
            t.start();
        }
        for (int kill = 1; kill <= 2; kill++) {
            int target = WRITERS * OPERATIONS * kill / 3;
            TestCluster.eventually(() -> done.get() >= target || !failures.isEmpty(), target + " operations", 300);
            int leader = cluster.awaitLeader();
            cluster.kill(leader);
            cluster.awaitLeader();
            cluster.start(leader);
        }
        for (Thread t : threads) t.join();
        if (!failures.isEmpty()) throw new AssertionError("a writer failed", failures.get(0));
        for (int w = 0; w < WRITERS; w++) check(root.resolve("w" + w), models.get(w));
        FsNode.assertAccountingMatches(cluster::connect);
    }

    /** Read-only procedures run in a follower's snapshot (a write procedure there is refused with 25006). */
    private static void assertFollowersServeReads(TestCluster cluster) throws Exception {
        int leader = cluster.awaitLeader();
        int follower = cluster.members().keySet().stream().filter(id -> id != leader).findFirst().orElseThrow();
        TestCluster.eventually(() -> {
            try (java.sql.Connection c = cluster.connect(follower); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet r = s.executeQuery("SELECT kind FROM fs.stat('/w0')")) {
                return r.next() && r.getString(1).equals("dir");
            } catch (java.sql.SQLException e) {
                return false;  // the follower has not applied the schema or the directory yet
            }
        }, "fs.stat on follower " + follower, 60);
        try (java.sql.Connection c = cluster.connect(follower); java.sql.Statement s = c.createStatement()) {
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.execute("SELECT fs.mkdir('/from-a-follower')"));
            assertEquals("25006", e.getSQLState());
        }
    }

    private static String content(int id) {
        return ("file " + id + " ").repeat(id % 50 + 1);
    }

    private static Model write(Path root, AtomicInteger done) throws IOException {
        Model m = new Model();
        createDirectory(root);
        for (int s = 0; s < SUBDIRECTORIES; s++) {
            createDirectory(root.resolve("s" + s));
            m.directories.add("s" + s);
        }
        for (int i = 0; i < OPERATIONS; i++) {
            String name = "f" + i;
            Files.writeString(root.resolve(name), content(i));
            m.paths.put(name, i);
            m.contents.put(i, content(i));
            if (i % 2 == 0) {  // a file moves into a subdirectory, over an older file there every fourth time
                String into = m.directories.get(i % SUBDIRECTORIES);
                String older = "f" + (i - 6);
                String to = into + "/" + (i % 4 == 0 && m.paths.containsKey(into + "/" + older) ? older : name);
                move(root, name, to, m);
            }
            if (i % 9 == 4 && m.paths.containsValue(i)) {  // a hard link to the file just written, wherever it went
                int id = i;
                String existing = m.paths.entrySet().stream().filter(e -> e.getValue() == id).findFirst().orElseThrow().getKey();
                String link = "h" + i;
                try {
                    Files.createLink(root.resolve(link), root.resolve(existing));
                } catch (FileAlreadyExistsException repeated) {
                    assertTrue(Files.isSameFile(root.resolve(link), root.resolve(existing)), "the first attempt linked " + link);
                }
                m.paths.put(link, i);
            }
            if (i % 25 == 24) {  // a whole subdirectory is renamed, with everything in it
                String from = m.directories.remove(0);
                String to = "r" + i;
                move(root, from, to, m);
                m.directories.add(to);
            }
            done.incrementAndGet();
        }
        return m;
    }

    /** mkdir; a repeat across a failover that finds the first attempt's directory is settled by looking. */
    private static void createDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException repeated) {
            assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS), "the first attempt made " + directory);
        }
    }

    /** Moves {@code from} to {@code to} (replacing), updating the model; a repeat that finds it moved settles it by looking. */
    private static void move(Path root, String from, String to, Model m) throws IOException {
        try {
            Files.move(root.resolve(from), root.resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException repeated) {
            assertTrue(Files.exists(root.resolve(to), LinkOption.NOFOLLOW_LINKS) && !Files.exists(root.resolve(from), LinkOption.NOFOLLOW_LINKS),
                    "a rename of " + from + " cut off by the kill committed");
        }
        Map<String, Integer> moved = new TreeMap<>();
        m.paths.entrySet().removeIf(e -> {
            if (e.getKey().equals(to) || e.getKey().startsWith(to + "/")) return true;  // replaced
            if (e.getKey().equals(from)) moved.put(to, e.getValue());
            else if (e.getKey().startsWith(from + "/")) moved.put(to + e.getKey().substring(from.length()), e.getValue());
            else return false;
            return true;
        });
        m.paths.putAll(moved);
    }

    /** The walk of {@code root} equals the model: paths, contents, link counts and parent links. */
    private static void check(Path root, Model m) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        Map<Integer, Integer> names = new HashMap<>();
        for (Integer id : m.paths.values()) names.merge(id, 1, Integer::sum);
        List<String> directories = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                if ((Boolean) a.get("isDirectory")) {
                    directories.add(relative);
                    long subdirectories;
                    try (Stream<Path> children = Files.list(p)) {
                        subdirectories = children.filter(Files::isDirectory).count();
                    }
                    assertEquals(2 + subdirectories, ((Number) a.get("nlink")).longValue(), "nlink of " + p);
                    assertEquals(Files.readAttributes(p.getParent() == null ? p : p.getParent(), "unix:ino").get("ino"),
                            Files.readAttributes(p.resolve(".."), "unix:ino").get("ino"), ".. of " + p);
                    continue;
                }
                Integer id = m.paths.get(relative);
                assertTrue(id != null, "unexpected file " + p);
                files.put(relative, id);
                assertEquals(m.contents.get(id), new String(Files.readAllBytes(p), StandardCharsets.UTF_8), "content of " + p);
                assertEquals(names.get(id), ((Number) a.get("nlink")).intValue(), "nlink of " + p);
            }
        }
        assertEquals(m.paths, files, "the files under " + root);
        List<String> expectedDirectories = new ArrayList<>(m.directories);
        expectedDirectories.add("");
        java.util.Collections.sort(expectedDirectories);
        java.util.Collections.sort(directories);
        assertEquals(expectedDirectories, directories, "the directories under " + root);
    }
}
