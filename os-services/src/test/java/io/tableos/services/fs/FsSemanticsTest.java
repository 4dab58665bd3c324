package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.services.fs.client.FileStat;
import io.tableos.services.fs.client.FsClient;
import io.tableos.services.fs.client.FsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * POSIX semantics of the fs procedures on one real node, through the typed client: each test
 * works in a directory of its own under the root and ends by checking that fs.config's
 * counters still equal what fs.inodes holds. Errors are checked by errno, as a FUSE or NIO
 * client sees them.
 */
class FsSemanticsTest {
    static FsNode node;
    static FsClient fs;
    String dir;

    @BeforeAll
    static void start() throws Exception {
        node = FsNode.start();
        fs = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.assertAccountingMatches();
        fs.close();
        node.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void directory(TestInfo info) throws IOException {
        dir = "/" + info.getTestMethod().orElseThrow().getName();
        fs.mkdir(dir, 0755);
    }

    static Errno errno(ThrowingCall call) {
        FsException e = assertThrows(FsException.class, call::run);
        return e.errno();
    }

    interface ThrowingCall {
        void run() throws IOException;
    }

    @Test
    void createWriteReadAtOffsetsAndTruncate() throws IOException {
        long ino = fs.create(dir + "/f", 0640, true);
        assertEquals(Errno.EEXIST, errno(() -> fs.create(dir + "/f", 0640, true)));
        assertEquals(ino, fs.create(dir + "/f", 0640, false));
        fs.pwrite(ino, 0, bytes("hello world"));
        fs.pwrite(ino, 6, bytes("there"));
        assertEquals("hello there", text(fs.pread(ino, 0, 100)));
        assertEquals("there", text(fs.pread(ino, 6, 5)));
        assertEquals(0, fs.pread(ino, 11, 10).length);
        fs.pwrite(ino, 15, bytes("!"));  // leaves a hole of zeros
        assertArrayEquals(new byte[] {'e', 0, 0, 0, 0, '!'}, fs.pread(ino, 10, 6));
        fs.truncate(dir + "/f", 5);
        assertEquals("hello", text(fs.pread(ino, 0, 100)));
        fs.ftruncate(ino, 8);
        assertArrayEquals(new byte[] {'h', 'e', 'l', 'l', 'o', 0, 0, 0}, fs.pread(ino, 0, 100));
        FileStat st = fs.stat(dir + "/f", true);
        assertEquals(8, st.size());
        assertEquals(0640, st.mode());
        assertEquals(1, st.nlink());
        assertTrue(st.isFile());
    }

    @Test
    void writesSpanningBlocksMergeWithWhatIsThere() throws IOException {
        int block = fs.statfs().blockSize();
        long ino = fs.create(dir + "/big", 0644, true);
        byte[] content = new byte[block * 3 + 17];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
        fs.pwrite(ino, 0, content);
        byte[] patch = new byte[block + 2];
        Arrays.fill(patch, (byte) 7);
        fs.pwrite(ino, block - 1, patch);  // last byte of block 0, all of block 1, first byte of block 2
        System.arraycopy(patch, 0, content, block - 1, patch.length);
        assertArrayEquals(content, fs.pread(ino, 0, content.length));
        fs.ftruncate(ino, block + 3);
        assertArrayEquals(Arrays.copyOf(content, block + 3), fs.pread(ino, 0, content.length));
        fs.ftruncate(ino, block * 2);  // grows: the bytes past block + 3 read as zeros, not as the old data
        byte[] expected = Arrays.copyOf(Arrays.copyOf(content, block + 3), block * 2);
        assertArrayEquals(expected, fs.pread(ino, 0, block * 2));
    }

    @Test
    void mkdirRmdirAndTheirErrors() throws IOException {
        fs.mkdir(dir + "/d", 0700);
        assertEquals(Errno.EEXIST, errno(() -> fs.mkdir(dir + "/d", 0700)));
        assertEquals(Errno.ENOENT, errno(() -> fs.mkdir(dir + "/missing/d", 0700)));
        fs.create(dir + "/d/f", 0644, true);
        assertEquals(Errno.ENOTDIR, errno(() -> fs.mkdir(dir + "/d/f/x", 0700)));
        assertEquals(Errno.ENOTEMPTY, errno(() -> fs.rmdir(dir + "/d")));
        assertEquals(Errno.ENOTDIR, errno(() -> fs.rmdir(dir + "/d/f")));
        assertEquals(Errno.EISDIR, errno(() -> fs.unlink(dir + "/d")));
        assertEquals(3, fs.stat(dir, true).nlink());  // ".", its entry in /, and d's ".."
        fs.unlink(dir + "/d/f");
        fs.rmdir(dir + "/d");
        assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/d", true)));
        assertEquals(2, fs.stat(dir, true).nlink());
        assertEquals(Errno.EBUSY, errno(() -> fs.rmdir("/")));
    }

    @Test
    void namesAndPathsAreBounded() {
        String longName = "n".repeat(Limits.NAME_BYTES_MAX + 1);
        assertEquals(Errno.ENAMETOOLONG, errno(() -> fs.create(dir + "/" + longName, 0644, true)));
        String longPath = (dir + "/" + "p".repeat(200)).repeat(25);
        assertEquals(Errno.ENAMETOOLONG, errno(() -> fs.stat(longPath, true)));
    }

    @Test
    void renameReplacesAtomicallyAndRefusesBadMoves() throws IOException {
        long a = fs.create(dir + "/a", 0644, true);
        fs.pwrite(a, 0, bytes("A"));
        long b = fs.create(dir + "/b", 0644, true);
        fs.pwrite(b, 0, bytes("BB"));
        fs.rename(dir + "/a", dir + "/b", false);
        assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/a", true)));
        assertEquals(a, fs.stat(dir + "/b", true).ino());
        assertEquals(Errno.ENOENT, errno(() -> fs.istat(b)));  // the replaced file's last link went
        assertEquals(Errno.ENOENT, errno(() -> fs.rename(dir + "/a", dir + "/c", false)));

        fs.mkdir(dir + "/d1", 0755);
        fs.mkdir(dir + "/d1/sub", 0755);
        fs.mkdir(dir + "/d2", 0755);
        assertEquals(Errno.EINVAL, errno(() -> fs.rename(dir + "/d1", dir + "/d1/sub/into", false)));
        assertEquals(Errno.EINVAL, errno(() -> fs.rename(dir + "/d1", dir + "/d1/x", false)));
        assertEquals(Errno.ENOTDIR, errno(() -> fs.rename(dir + "/d1", dir + "/b", false)));
        assertEquals(Errno.EISDIR, errno(() -> fs.rename(dir + "/b", dir + "/d2", false)));
        fs.create(dir + "/d2/occupant", 0644, true);
        assertEquals(Errno.ENOTEMPTY, errno(() -> fs.rename(dir + "/d1", dir + "/d2", false)));
        assertEquals(Errno.EEXIST, errno(() -> fs.rename(dir + "/b", dir + "/d2/occupant", true)));
        fs.unlink(dir + "/d2/occupant");
        long d1 = fs.stat(dir + "/d1", true).ino();
        fs.rename(dir + "/d1", dir + "/d2", false);  // over an empty directory
        assertEquals(d1, fs.stat(dir + "/d2", true).ino());
        assertEquals(3, fs.stat(dir, true).nlink());  // d1 moved over d2: one subdirectory left

        fs.mkdir(dir + "/other", 0755);
        fs.rename(dir + "/d2/sub", dir + "/other/sub", false);  // across parents: link counts and ".." follow
        assertEquals(2, fs.stat(dir + "/d2", true).nlink());
        assertEquals(3, fs.stat(dir + "/other", true).nlink());
        assertEquals(fs.stat(dir + "/other", true).ino(), fs.stat(dir + "/other/sub", true).parent());
        assertEquals(fs.stat(dir + "/other", true).ino(), fs.stat(dir + "/other/sub/..", true).ino());

        fs.link(dir + "/b", dir + "/b2");
        fs.rename(dir + "/b", dir + "/b2", false);  // two names of one inode: nothing happens
        assertEquals(2, fs.stat(dir + "/b", true).nlink());
    }

    @Test
    void hardLinksCountNamesAndKeepDataUntilTheLast() throws IOException {
        long ino = fs.create(dir + "/f", 0644, true);
        fs.pwrite(ino, 0, bytes("data"));
        assertEquals(ino, fs.link(dir + "/f", dir + "/g"));
        assertEquals(2, fs.stat(dir + "/g", true).nlink());
        assertEquals(Errno.EEXIST, errno(() -> fs.link(dir + "/f", dir + "/g")));
        assertEquals(Errno.EPERM, errno(() -> fs.link(dir, dir + "/dirlink")));
        fs.unlink(dir + "/f");
        assertEquals(1, fs.stat(dir + "/g", true).nlink());
        assertEquals("data", text(fs.pread(ino, 0, 10)));
        fs.unlink(dir + "/g");
        assertEquals(Errno.ENOENT, errno(() -> fs.istat(ino)));
    }

    @Test
    void symlinksResolveRelativeAbsoluteAndLoop() throws IOException {
        fs.mkdir(dir + "/real", 0755);
        long ino = fs.create(dir + "/real/f", 0644, true);
        fs.symlink("real", dir + "/rel");
        fs.symlink(dir + "/real/f", dir + "/abs");
        assertEquals(ino, fs.stat(dir + "/rel/f", true).ino());
        assertEquals(ino, fs.stat(dir + "/abs", true).ino());
        FileStat link = fs.stat(dir + "/abs", false);
        assertTrue(link.isSymlink());
        assertEquals((dir + "/real/f").length(), link.size());
        assertEquals(dir + "/real/f", fs.readlink(dir + "/abs"));
        assertEquals(Errno.EINVAL, errno(() -> fs.readlink(dir + "/real/f")));
        fs.symlink("loop2", dir + "/loop1");
        fs.symlink("loop1", dir + "/loop2");
        assertEquals(Errno.ELOOP, errno(() -> fs.stat(dir + "/loop1", true)));
        fs.symlink("nowhere", dir + "/dangling");
        assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/dangling", true)));
        fs.unlink(dir + "/rel");  // removes the link, not the directory
        assertTrue(fs.stat(dir + "/real", true).isDirectory());
    }

    /** FIFOs and sockets are names with attributes (the kernel serves their I/O); devices are refused. */
    @Test
    void specialFilesAreNamesWithAttributes() throws IOException {
        FsClient.Owner nobody = new FsClient.Owner(65534, 65534);
        long fifo = fs.mknod(dir + "/pipe", FileStat.FIFO, 0640, nobody);
        FileStat st = fs.stat(dir + "/pipe", false);
        assertEquals(List.of(fifo, FileStat.FIFO, 0640, 65534, 65534, 0L, 1), List.of(st.ino(), st.kind(), st.mode(), st.uid(), st.gid(),
                st.size(), st.nlink()));
        fs.mknod(dir + "/sock", FileStat.SOCKET, 0600, FsClient.Owner.ROOT);
        assertEquals(FileStat.SOCKET, fs.stat(dir + "/sock", false).kind());
        assertEquals(Errno.EEXIST, errno(() -> fs.mknod(dir + "/pipe", FileStat.FIFO, 0600, nobody)));
        assertEquals(Errno.EPERM, errno(() -> fs.mknod(dir + "/tty", "char", 0600, nobody)));
        assertEquals(Errno.EINVAL, errno(() -> fs.pread(fifo, 0, 10)));
        fs.link(dir + "/pipe", dir + "/pipe2");
        fs.unlink(dir + "/pipe");
        assertEquals(1, fs.stat(dir + "/pipe2", false).nlink());
    }

    @Test
    void chmodChownUtimensAndXattrs() throws IOException {
        fs.create(dir + "/f", 0644, true);
        fs.chmod(dir + "/f", 0600);
        fs.chown(dir + "/f", 1000, null, true);
        java.time.Instant when = java.time.Instant.parse("2020-01-02T03:04:05Z");
        fs.utimens(dir + "/f", when, when, true);
        FileStat st = fs.stat(dir + "/f", true);
        assertEquals(0600, st.mode());
        assertEquals(1000, st.uid());
        assertEquals(0, st.gid());
        assertEquals(when, st.mtime());
        assertEquals(when, st.atime());
        fs.setxattr(dir + "/f", "user.color", bytes("red"));
        fs.setxattr(dir + "/f", "user.size", bytes("L"));
        assertEquals("red", text(fs.getxattr(dir + "/f", "user.color")));
        assertEquals(List.of("user.color", "user.size"), fs.listxattr(dir + "/f"));
        fs.removexattr(dir + "/f", "user.color");
        assertEquals(Errno.ENODATA, errno(() -> fs.getxattr(dir + "/f", "user.color")));
        assertEquals(Errno.ENODATA, errno(() -> fs.removexattr(dir + "/f", "user.color")));
    }

    @Test
    void readdirPagesInNameOrder() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) names.add(String.format("e%04d", i));
        for (String n : names) fs.create(dir + "/" + n, 0644, true);
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            List<FsClient.Entry> page = fs.readdir(dir, after, 64);
            if (page.isEmpty()) break;
            for (FsClient.Entry e : page) seen.add(e.name());
            after = page.get(page.size() - 1).name();
        }
        assertEquals(names, seen);
        assertEquals(Errno.ENOTDIR, errno(() -> fs.readdir(dir + "/e0000", null, 10)));
    }

    @Test
    void quotaRefusesGrowthWithEnospc() throws Exception {
        long ino = fs.create(dir + "/f", 0644, true);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            long used = fs.statfs().usedBytes();
            s.execute("SELECT fs.set_quota(" + (used + 1000) + ")");
            try {
                fs.pwrite(ino, 0, new byte[1000]);
                assertEquals(Errno.ENOSPC, errno(() -> fs.pwrite(ino, 1000, new byte[1])));
                assertEquals(Errno.ENOSPC, errno(() -> fs.ftruncate(ino, 1001)));
                assertEquals(1000, fs.stat(dir + "/f", true).size());  // the refused write left nothing
                fs.pwrite(ino, 0, new byte[1000]);  // overwriting in place needs no space
                assertEquals(0, fs.statfs().blocksFree());
            } finally {
                s.execute("SELECT fs.set_quota(NULL)");
            }
        }
    }

    @Test
    void filesViewAnswersQuestionsAboutTheTree() throws Exception {
        fs.mkdir(dir + "/sub", 0755);
        long f = fs.create(dir + "/sub/big", 0644, true);
        fs.pwrite(f, 0, new byte[5000]);
        fs.create(dir + "/small", 0644, true);
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT path, kind, size FROM fs.files WHERE path LIKE '" + dir + "/%' ORDER BY path")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getLong(3));
            assertEquals(List.of(dir + "/small file 0", dir + "/sub dir 0", dir + "/sub/big file 5000"), rows);
        }
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT path FROM fs.files WHERE path = '/'")) {
            assertTrue(r.next());
        }
    }

    @Test
    void smallFilesFromSql() throws Exception {
        fs.create(dir + "/note", 0644, true);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT fs.write_text('" + dir + "/note', 'hi from SQL, a longer first version')");
            s.execute("SELECT fs.write_text('" + dir + "/note', 'hi from SQL')");
            try (ResultSet r = s.executeQuery("SELECT fs.read_text('" + dir + "/note'), length(fs.read('" + dir + "/note', 3, 4))")) {
                r.next();
                assertEquals("hi from SQL", r.getString(1));
                assertEquals(4, r.getInt(2));
            }
        }
    }

    /** Several calls in one client transaction block commit together or not at all. */
    @Test
    void operationsInOneClientTransactionCommitAtomically() throws Exception {
        long a = fs.create(dir + "/a", 0644, true);
        fs.pwrite(a, 0, bytes("old a"));
        assertThrows(FsException.class, () -> fs.atomically(t -> {
            t.pwrite(a, 0, bytes("new a"));
            t.rename(dir + "/a", dir + "/renamed", false);
            t.create(dir + "/b", 0644, true);
            t.unlink(dir + "/missing");  // ENOENT: everything above rolls back
            return null;
        }));
        assertEquals("old a", text(fs.pread(a, 0, 100)));
        assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/renamed", true)));
        assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/b", true)));

        long b = fs.atomically(t -> {
            t.pwrite(a, 0, bytes("new a"));
            t.rename(dir + "/a", dir + "/renamed", false);
            return t.create(dir + "/b", 0644, true);
        });
        assertEquals("new a", text(fs.pread(a, 0, 100)));
        assertEquals(a, fs.stat(dir + "/renamed", true).ino());
        assertEquals(b, fs.stat(dir + "/b", true).ino());
    }

    /** Inside BEGIN, another session sees none of a block's file operations until COMMIT. */
    @Test
    void aBlockIsInvisibleToOthersUntilCommit() throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT fs.write_text('" + dir + "/one', 'first')");
            s.execute("SELECT fs.mkdir('" + dir + "/two')");
            assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/one", true)));
            assertEquals(Errno.ENOENT, errno(() -> fs.stat(dir + "/two", true)));
            c.commit();
        }
        assertEquals(5, fs.stat(dir + "/one", true).size());
        assertTrue(fs.stat(dir + "/two", true).isDirectory());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
