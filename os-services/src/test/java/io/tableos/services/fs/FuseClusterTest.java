package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.tableos.db.it.cluster.TestCluster;
import io.tableos.services.fs.fuse.MountMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FUSE mount of a local 3-node cluster as {@code tableos-cluster mount} serves it: the
 * {@link MountMain} process, started with the arguments the launcher gives it (the cluster's
 * multi-host URL with {@code targetServerType=primary}, the password in a file) and the failover
 * window of {@link FsClusterTest} (longer than the mount's default, for loaded CI machines),
 * mounted once it prints its ready line. Through it the scenario of {@link FsClusterTest} runs,
 * with the leader SIGKILLed twice while writers create, write, rename (files and directories,
 * over existing files) and link through ordinary system calls; afterwards a walk of the mount
 * must equal each writer's model of what was acknowledged, and after {@code fusermount -u} the
 * process must end by itself. Needs /dev/fuse and libfuse2; skipped where they are missing.
 */
class FuseClusterTest {
    /** How long the mount process may take to end after it is unmounted. */
    static final long EXIT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteAndRenameThroughTheMountSurvivesLeaderKills() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.exists(Path.of("/usr/bin/fusermount")),
                "needs /dev/fuse and fusermount (apt-get install fuse libfuse2)");
        try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"), 3)) {
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            String url = cluster.jdbcUrl();
            String urlWithoutPassword = url.substring(0, url.indexOf("&password="));  // as the launcher passes it
            Path passwordFile = Files.writeString(dir.resolve("password"), TestCluster.PASSWORD + "\n");
            Path log = Path.of("target", "cluster-logs", "mount-" + dir.getFileName() + ".log");
            Files.createDirectories(log.getParent());
            Process mount = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), MountMain.class.getName(),
                    "--url", urlWithoutPassword, "--password-file", passwordFile.toString(),
                    "--failover-millis", Long.toString(FsClusterTest.FAILOVER_MILLIS), mountPoint.toString()))
                    .redirectError(log.toFile()).start();
            try {
                awaitMounted(mount, log);
                FsClusterTest.writeWhileKillingLeaders(cluster, mountPoint);
            } finally {
                new ProcessBuilder("fusermount", "-u", mountPoint.toString()).inheritIO().start().waitFor();
                if (!mount.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) mount.destroyForcibly().waitFor();
            }
            assertEquals(0, mount.exitValue(), "the mount process after fusermount -u (137: it did not end); see " + log);
        }
    }

    /** Reads the process's output until its ready line (it ends the output when mounting fails). */
    private static void awaitMounted(Process mount, Path log) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(mount.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("TABLEOS-MOUNTED")) return;
        }
        fail("the mount process ended without mounting (exit " + mount.waitFor() + "); see " + log);
    }
}
