package io.tableos.services.fs;

import io.tableos.db.it.cluster.TestCluster;
import io.tableos.services.fs.client.FsClientPool;
import io.tableos.services.fs.fuse.FuseMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FUSE mount of a local 3-node cluster, following the leader as {@code tableos-cluster
 * mount} does (the mount's clients connect through the cluster's multi-host URL with
 * {@code targetServerType=primary} and repeat a call cut off by a failover): the scenario of
 * {@link FsClusterTest}, with the leader SIGKILLed twice while writers create, write, rename
 * (files and directories, over existing files) and link through ordinary system calls on the
 * mount; afterwards a walk of the mount must equal each writer's model of what was
 * acknowledged. Needs /dev/fuse and libfuse2; skipped where they are missing.
 */
class FuseClusterTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteAndRenameThroughTheMountSurvivesLeaderKills() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")) && Files.exists(Path.of("/usr/bin/fusermount")),
                "needs /dev/fuse and fusermount (apt-get install fuse libfuse2)");
        try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"), 3)) {
            Path mountPoint = Files.createDirectory(dir.resolve("mnt"));
            String url = cluster.jdbcUrl();
            Properties properties = new Properties();
            properties.setProperty("connectTimeout", "3");
            try (FuseMount mount = FuseMount.mount(mountPoint, new FsClientPool(() -> DriverManager.getConnection(url, properties),
                    FsClusterTest.FAILOVER_MILLIS, FsClusterTest.WRITERS + 1))) {
                FsClusterTest.writeWhileKillingLeaders(cluster, mountPoint);
            }
        }
    }
}
