package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The NIO provider on one real node: java.nio.file.Files as any Java program calls it, against
 * a tableos:// file system, each test in a directory of its own; at the end fs.config's
 * counters must still match the inodes.
 */
class FsNioTest {
    static FsNode node;
    static FileSystem fs;
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        node = FsNode.start();
        fs = node.nio("nio-test", 4);
    }

    @AfterAll
    static void stop() throws Exception {
        node.assertAccountingMatches();
        fs.close();
        node.close();
    }

    @BeforeEach
    void directory(TestInfo info) throws IOException {
        dir = Files.createDirectory(fs.getPath("/" + info.getTestMethod().orElseThrow().getName()));
    }

    @Test
    void writeReadAppendAndAttributes() throws IOException {
        Path f = dir.resolve("hello.txt");
        Files.writeString(f, "hello");
        Files.writeString(f, " world", StandardOpenOption.APPEND);
        assertEquals("hello world", Files.readString(f));
        assertEquals(11, Files.size(f));
        assertTrue(Files.isRegularFile(f));
        assertTrue(Files.isDirectory(dir));
        assertTrue(Files.exists(f));
        assertFalse(Files.exists(dir.resolve("missing")));
        Files.writeString(f, "short");  // CREATE + TRUNCATE_EXISTING
        assertEquals("short", Files.readString(f));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createFile(f));
        assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(dir.resolve("missing")));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        FileTime t = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(f, t);
        assertEquals(t, Files.getLastModifiedTime(f));
        assertEquals(1, Files.getAttribute(f, "unix:nlink"));
        assertSame(fs.provider(), Path.of(f.toUri()).getFileSystem().provider());
        assertEquals(f, Path.of(f.toUri()));
    }

    @Test
    void seekableChannelWritesAndReadsAtPositions() throws IOException {
        Path f = dir.resolve("data");
        try (SeekableByteChannel ch = Files.newByteChannel(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ch.write(ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.UTF_8)));
            ch.position(3);
            ch.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
            ch.position(1);
            ByteBuffer b = ByteBuffer.allocate(7);
            while (b.hasRemaining() && ch.read(b) > 0) { }
            assertEquals("12abc67", new String(b.array(), StandardCharsets.UTF_8));
            assertEquals(10, ch.size());
            ch.truncate(4);
            assertEquals(4, ch.size());
            assertEquals(4, ch.position());
        }
        assertEquals("012a", Files.readString(f));
    }

    /** Many chunks and blocks through streams: what went in comes out, byte for byte. */
    @Test
    void largeFileStreamsThroughBoundedCalls() throws Exception {
        Path f = dir.resolve("large.bin");
        Random random = new Random(16);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[100_003];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (int i = 0; i < 60; i++) {
                random.nextBytes(chunk);
                written.update(chunk);
                out.write(chunk);
            }
        }
        assertEquals(60L * chunk.length, Files.size(f));
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buffer = new byte[65_536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) read.update(buffer, 0, n);
        }
        assertArrayEquals(written.digest(), read.digest());
    }

    @Test
    void walkMoveCopyDeleteAndDirectoryStreams() throws IOException {
        Files.createDirectories(dir.resolve("a/b/c"));
        Files.writeString(dir.resolve("a/b/c/leaf"), "leaf");
        Files.writeString(dir.resolve("a/top"), "top");
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> all = walk.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("", "a", "a/b", "a/b/c", "a/b/c/leaf", "a/top"), all);
        }
        Files.move(dir.resolve("a/b"), dir.resolve("moved"), StandardCopyOption.ATOMIC_MOVE);
        assertEquals("leaf", Files.readString(dir.resolve("moved/c/leaf")));
        assertFalse(Files.exists(dir.resolve("a/b")));
        Files.writeString(dir.resolve("other"), "other");
        assertThrows(FileAlreadyExistsException.class, () -> Files.move(dir.resolve("a/top"), dir.resolve("other")));
        Files.move(dir.resolve("a/top"), dir.resolve("other"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("top", Files.readString(dir.resolve("other")));
        Files.copy(dir.resolve("other"), dir.resolve("copy"));
        assertEquals("top", Files.readString(dir.resolve("copy")));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(dir.resolve("moved")));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*o*")) {
            List<String> names = new ArrayList<>();
            for (Path p : s) names.add(p.getFileName().toString());
            assertEquals(List.of("copy", "moved", "other"), names);
        }
        try (Stream<Path> walk = Files.walk(dir.resolve("moved"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
        assertFalse(Files.exists(dir.resolve("moved")));
    }

    @Test
    void linksThroughNio() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "content");
        Path link = Files.createSymbolicLink(dir.resolve("sym"), fs.getPath("f"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("f", Files.readSymbolicLink(link).toString());
        assertEquals("content", Files.readString(link));
        Path hard = Files.createLink(dir.resolve("hard"), f);
        assertTrue(Files.isSameFile(f, hard));
        assertEquals(2, Files.getAttribute(f, "unix:nlink"));
        Files.delete(link);
        assertTrue(Files.exists(f));
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    }
}
