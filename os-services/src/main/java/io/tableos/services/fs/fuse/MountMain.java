package io.tableos.services.fs.fuse;

import io.tableos.services.fs.client.FsClientPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * The mount process {@code tableos-cluster mount} starts:
 * {@code MountMain --url JDBC_URL --user USER --password-file FILE [--connections N] [--failover-millis MS] MOUNTPOINT}.
 * It serves until unmounted ({@code umount} / {@code fusermount -u}) or killed (then it
 * unmounts). The URL should list every node with {@code targetServerType=primary}: the clients
 * then follow the leader across failovers, repeating a call for up to {@value #FAILOVER_MILLIS} ms
 * (or {@code --failover-millis}: a test on a loaded machine allows longer).
 */
public final class MountMain {
    static final long FAILOVER_MILLIS = 60_000;
    static final int CONNECTIONS_DEFAULT = 8;

    private MountMain() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = null;
        Path passwordFile = null;
        int connections = CONNECTIONS_DEFAULT;
        long failoverMillis = FAILOVER_MILLIS;
        Path mountPoint = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password-file" -> passwordFile = Path.of(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--failover-millis" -> failoverMillis = Long.parseLong(args[++i]);
                default -> mountPoint = Path.of(args[i]);
            }
        }
        if (url == null || mountPoint == null) {
            System.err.println("usage: MountMain --url JDBC_URL [--user USER] [--password-file FILE] [--connections N] [--failover-millis MS] MOUNTPOINT");
            System.exit(2);
        }
        Properties properties = new Properties();
        if (user != null) properties.setProperty("user", user);
        if (passwordFile != null) properties.setProperty("password", Files.readString(passwordFile).trim());
        String jdbcUrl = url;
        FsClientPool clients = new FsClientPool(() -> DriverManager.getConnection(jdbcUrl, properties), failoverMillis, connections);
        FuseMount mount = FuseMount.mount(mountPoint, clients);
        Runtime.getRuntime().addShutdownHook(new Thread(mount::close, "tableos-umount"));
        System.out.println("TABLEOS-MOUNTED " + mountPoint);
        System.out.flush();
        mount.awaitUnmounted();
    }
}
