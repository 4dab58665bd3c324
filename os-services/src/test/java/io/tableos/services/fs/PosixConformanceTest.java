package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.TestNode;
import io.tableos.services.fs.client.FsClientPool;
import io.tableos.services.fs.fuse.FuseMount;
import io.tableos.services.fs.posix.PosixCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX conformance run: the pjdfstest-style cases of {@link PosixCases} (system calls
 * straight into libc, as this root process and as other users) first on a host directory, the
 * oracle, where every case must give its expected result, then through the FUSE mount of a real
 * node, where every case must give the same result except the ones listed with a reason. Prints
 * the pass counts. Needs Linux x86_64, root, /dev/fuse and libfuse2; skipped otherwise.
 */
class PosixConformanceTest {
    @TempDir
    Path dir;

    @Test
    void casesGiveTheHostsResultsThroughTheMount() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.exists(Path.of("/usr/bin/fusermount")),
                "needs /dev/fuse and fusermount (apt-get install fuse libfuse2)");
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64") && System.getProperty("user.name").equals("root"),
                "the cases switch users (root) and read struct stat as x86_64 lays it out");
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm), "the EXDEV cases need a second file system (/dev/shm)");
        List<PosixCases.Case> cases = PosixCases.load();
        PosixCases runner = new PosixCases();
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));  // other users search through

        Path host = Files.createDirectory(dir.resolve("host"));
        Path otherFileSystem = Files.createTempDirectory(shm, "posix-cases");
        List<PosixCases.Outcome> onHost;
        try {
            onHost = runner.run(cases, host, otherFileSystem);
        } finally {
            deleteTree(otherFileSystem);
        }
        String hostType = Files.getFileStore(host).type();
        List<PosixCases.Outcome> hostFailures = onHost.stream().filter(o -> !o.passed()).toList();
        System.out.printf("POSIX cases on the host (%s): %d of %d pass%n", hostType, onHost.size() - hostFailures.size(), onHost.size());
        assertTrue(hostFailures.isEmpty(), "cases the host file system (the oracle) does not give:\n" + lines(hostFailures));

        try (FsNode node = FsNode.start()) {
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            String url = node.node.jdbcUrl();
            List<PosixCases.Outcome> onMount;
            try (FuseMount mount = FuseMount.mount(mountPoint, new FsClientPool(
                    () -> DriverManager.getConnection(url, TestNode.USER, TestNode.PASSWORD), FsNode.FAILOVER_MILLIS, 4))) {
                onMount = runner.run(cases, mountPoint, Files.createDirectory(dir.resolve("other")));
            }
            List<PosixCases.Outcome> listed = onMount.stream().filter(o -> o.which().mountDifference() != null).toList();
            List<PosixCases.Outcome> unexpected = onMount.stream().filter(o -> o.which().mountDifference() == null && !o.passed()).toList();
            List<PosixCases.Outcome> listedButPassing = listed.stream().filter(PosixCases.Outcome::passed).toList();
            long passed = onMount.stream().filter(PosixCases.Outcome::passed).count();
            System.out.printf("POSIX cases through the FUSE mount: %d of %d pass as on %s; %d listed differences:%n%s",
                    passed, onMount.size(), hostType, listed.size(), listed.stream()
                            .map(o -> "  " + o.which() + " -> " + o.actual() + "  (" + o.which().mountDifference() + ")\n")
                            .collect(Collectors.joining()));
            assertEquals(List.of(), unexpected, "cases the mount answers differently from " + hostType);
            assertEquals(List.of(), listedButPassing, "listed differences that now pass (take the mark off)");
            node.assertAccountingMatches();
        }
    }

    private static String lines(List<PosixCases.Outcome> outcomes) {
        return outcomes.stream().map(o -> o.which() + " -> " + o.actual()).collect(Collectors.joining("\n"));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
