package io.tableos.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mount MOUNTPOINT --dir DIR} and {@code umount MOUNTPOINT}: the cluster's file system
 * (os-services' fs) as a FUSE mount, served by a process of its own
 * ({@code io.tableos.services.fs.fuse.MountMain}) that follows the leader through the
 * cluster's multi-host URL. Mounting returns once that process reports the mount serving; its
 * log is {@code DIR/mount-<name>.log}. Unmounting is {@code fusermount -u}, after which the
 * process ends by itself. Needs libfuse2 (Debian: apt-get install fuse libfuse2).
 */
final class FsMounts {
    static final String MAIN_CLASS = "io.tableos.services.fs.fuse.MountMain";
    static final String READY = "TABLEOS-MOUNTED";

    private final Path home;

    FsMounts(Path home) {
        this.home = home;
    }

    void mount(ClusterState cluster, Path mountPoint) throws IOException {
        if (!Files.isDirectory(mountPoint)) throw new LauncherException("mount point " + mountPoint + " is not a directory");
        Path fuseLib = home.resolve("os-services/target/fuse-lib");
        if (!Files.isDirectory(fuseLib)) throw new LauncherException("missing " + fuseLib + " (mvn -pl os-services -am package)");
        String classpath = home.resolve("db-node/target/db-node.jar") + ":" + home.resolve("db-node/target/lib") + "/*:" + fuseLib + "/*";
        Path log = cluster.dir.resolve("mount-" + mountPoint.getFileName() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, MAIN_CLASS, "--url", cluster.jdbcUrlWithoutPassword(),
                "--password-file", cluster.passwordFile().toString(), mountPoint.toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(READY)) {
                    System.out.println("mounted " + mountPoint + " (pid " + process.pid() + ", log " + log + ")");
                    return;
                }
            }
        }
        throw new LauncherException("mount failed (exit " + exitValue(process) + "); see " + log);
    }

    static void umount(Path mountPoint) throws IOException {
        Process p = new ProcessBuilder("fusermount", "-u", mountPoint.toString()).inheritIO().start();
        if (exitValue(p) != 0) throw new LauncherException("fusermount -u " + mountPoint + " failed");
        System.out.println("unmounted " + mountPoint);
    }

    private static int exitValue(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
