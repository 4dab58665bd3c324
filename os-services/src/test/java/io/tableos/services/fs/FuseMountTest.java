package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.TestNode;
import io.tableos.services.fs.client.FsClientPool;
import io.tableos.services.fs.fuse.FuseMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FUSE mount on one real node, used by the host's own tools (ls, cp, mv, cat, tar, ln,
 * chmod, rm, dd, diff, git, rsync) through bash: what they see must be what a local file system shows.
 * Needs /dev/fuse and libfuse2 (Debian: fuse libfuse2); skipped where they are missing.
 */
class FuseMountTest {
    static FsNode node;
    static Path root;
    static Path mountPoint;
    static FuseMount mount;

    @BeforeAll
    static void mount() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.exists(Path.of("/usr/bin/fusermount")),
                "needs /dev/fuse and fusermount (apt-get install fuse libfuse2)");
        node = FsNode.start();
        root = Files.createTempDirectory("fuse-test");
        mountPoint = Files.createDirectory(root.resolve("mnt"));
        String url = node.node.jdbcUrl();
        mount = FuseMount.mount(mountPoint, new FsClientPool(() -> DriverManager.getConnection(url, TestNode.USER, TestNode.PASSWORD),
                FsNode.FAILOVER_MILLIS, 4));
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mount != null) mount.close();
        if (node != null) {
            node.assertAccountingMatches();
            node.close();
        }
    }

    /** Runs {@code script} with bash -e in the directory holding the mount point ("mnt"); returns its stdout. */
    static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-ec", script).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "script failed:\n" + script + "\n--- output ---\n" + out);
        return out;
    }

    @Test
    void catLsCpMv() throws Exception {
        assertEquals("hello\n", sh("mkdir mnt/a && echo hello > mnt/a/f && cat mnt/a/f"));
        assertEquals("hello\nagain\n", sh("echo again >> mnt/a/f && cat mnt/a/f"));
        sh("cp mnt/a/f mnt/a/copy && mv mnt/a/f mnt/a/moved");
        assertEquals("copy\nmoved\n", sh("ls mnt/a"));
        assertEquals("hello\nagain\n", sh("cat mnt/a/moved"));
        assertEquals("No such file\n", sh("cat mnt/a/f 2>/dev/null || echo No such file"));
        assertTrue(sh("rmdir mnt/a 2>&1 || true").contains("Directory not empty"));
        assertEquals("dir 3\n", sh("mkdir mnt/a/sub && stat -c '%F %h' mnt/a | sed 's/directory/dir/'"));
    }

    @Test
    void tarRoundTripOfATree() throws Exception {
        sh("mkdir -p src/x/y src/z && seq 1 20000 > src/x/y/numbers && echo small > src/z/s && ln -s ../z/s src/x/link"
                + " && chmod 600 src/z/s && mkdir mnt/t && tar -C src -cf - . | tar -C mnt/t -xpf -");
        assertEquals("", sh("diff -r --no-dereference src mnt/t"));
        assertEquals("600 small\n", sh("stat -c %a mnt/t/z/s | tr '\\n' ' ' && cat mnt/t/x/link"));
        sh("tar -C mnt/t -cf back.tar . && mkdir back && tar -C back -xf back.tar && diff -r --no-dereference src back");
    }

    @Test
    void largeFileWithDdAndHardLinks() throws Exception {
        sh("dd if=/dev/urandom of=big bs=1M count=12 status=none && cp big mnt/big && cmp big mnt/big");
        assertEquals("12582912\n", sh("stat -c %s mnt/big"));
        assertEquals("2\n", sh("ln mnt/big mnt/big2 && stat -c %h mnt/big"));
        sh("rm mnt/big && cmp big mnt/big2 && rm mnt/big2");
        sh("truncate -s 1000 big && truncate -s 1000 mnt/ttt && cmp <(head -c 1000 /dev/zero) mnt/ttt");
    }

    /**
     * git through the mount: a clone of a local repository (both git's local clone, which links
     * or copies objects, and the file:// transport, which writes a pack), fsck, log, a clean
     * status, a checkout of another branch and back, then a commit and gc inside the clone.
     */
    @Test
    void gitCloneFsckLogStatusCheckout() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "needs git");
        String git = "git -c user.email=t@tableos -c user.name=tableos -c init.defaultBranch=main -c gc.auto=0 ";
        sh("mkdir repo && cd repo && " + git + "init -q && for i in 1 2 3; do seq 1 $((i * 5000)) > f$i; mkdir -p d$i;"
                + " echo $i > d$i/x; ln -sf f$i link; " + git + "add -A; " + git + "commit -qm c$i; done"
                + " && " + git + "branch other HEAD~1");
        sh(git + "clone -q repo mnt/clone && " + git + "clone -q --no-local file://$PWD/repo mnt/clone2");
        for (String clone : List.of("mnt/clone", "mnt/clone2")) {
            sh("cd " + clone + " && " + git + "fsck --full --strict");
            assertEquals("c3\nc2\nc1\n", sh("cd " + clone + " && " + git + "log --format=%s"));
            assertEquals("", sh("cd " + clone + " && " + git + "status --porcelain"));
            sh("cd " + clone + " && " + git + "checkout -q other && test ! -e f3 && test \"$(readlink link)\" = f2"
                    + " && " + git + "checkout -q main && test -e f3");
            assertEquals("", sh("cd " + clone + " && " + git + "status --porcelain"));
        }
        sh("cd mnt/clone && echo more >> f1 && " + git + "commit -qam c4 && " + git + "gc -q && " + git + "fsck --full --strict"
                + " && test \"$(" + git + "log -1 --format=%s)\" = c4 && test -z \"$(" + git + "status --porcelain)\"");
    }

    /**
     * rsync -aH of a tree into the mount and back out: contents, modes, times (of files,
     * directories and symlinks), symlinks and hard links come back equal, and a second run finds
     * nothing to change.
     */
    @Test
    void rsyncRoundTrip() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/rsync")), "needs rsync");
        sh("mkdir -p rs/a/b rs/c && seq 1 50000 > rs/a/b/n && echo hi > rs/c/h && ln -s ../c/h rs/a/l && ln rs/c/h rs/c/hard"
                + " && chmod 640 rs/c/h && chmod 711 rs/a && dd if=/dev/urandom of=rs/big bs=1M count=3 status=none"
                + " && touch -d 2020-01-01 rs/a/b/n rs/a/b && touch -h -d 2019-05-05 rs/a/l"
                + " && rsync -aH rs/ mnt/rs/ && rsync -aH mnt/rs/ rs-back/ && diff -r --no-dereference rs rs-back");
        String stat = "stat -c '%n %a %h %Y'";  // sizes: diff compared the contents (a directory's differs)
        assertEquals(sh("cd rs && find . | sort | xargs " + stat), sh("cd rs-back && find . | sort | xargs " + stat));
        assertEquals(sh("cd rs && find . | sort | xargs " + stat), sh("cd mnt/rs && find . | sort | xargs " + stat));
        assertEquals("", sh("rsync -aHi rs/ mnt/rs/ && rsync -aHi mnt/rs/ rs-back/"));
    }

    @Test
    void directoriesOfManyEntriesListFully() throws Exception {
        sh("mkdir mnt/many && cd mnt/many && for i in $(seq 1 2500); do : > f$i; done");
        assertEquals("2500\n", sh("ls mnt/many | wc -l"));
        assertEquals("2500\n", sh("find mnt/many -type f | wc -l"));
    }
}
