package io.tableos.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Node VMs on this host: each node is one QEMU process booting the shared image with its own
 * data disk (DIR/node&lt;i&gt;/disk.img, a sparse ext4 file made on first start and reused by
 * restarts), serial console (DIR/node&lt;i&gt;/console.log), QMP socket and pid file. QEMU is
 * started through {@code vm/qemu-node.sh} (one place for the QEMU command line) and
 * daemonizes; the launcher finds it again by its pid file.
 */
final class VmNodes {
    static final String DATA_DISK_SIZE = "2G";
    /** Longest wait for a clean stop (ctrl-alt-delete → node close → power-off) before quit. */
    static final long CLEAN_STOP_MILLIS = 60_000;
    static final long HARD_STOP_MILLIS = 15_000;
    /** sun_path holds 108 bytes; longer socket paths go under /tmp. */
    private static final int SOCKET_PATH_MAX = 100;
    static final String BRIDGE = "tableos0";
    static final String BRIDGE_ADDRESS = "10.77.0.1";
    static final int BRIDGE_PREFIX = 24;

    private final VmImage image;

    VmNodes(VmImage image) {
        this.image = image;
    }

    Path disk(ClusterState cluster, int id) { return cluster.nodeDir(id).resolve("disk.img"); }

    Path console(ClusterState cluster, int id) { return cluster.nodeDir(id).resolve("console.log"); }

    Path pidFile(ClusterState cluster, int id) { return cluster.nodeDir(id).resolve("qemu.pid"); }

    Path isolatedMarker(ClusterState cluster, int id) { return cluster.nodeDir(id).resolve("isolated"); }

    Path qmpSocket(ClusterState cluster, int id) {
        Path socket = cluster.nodeDir(id).resolve("qmp.sock");
        if (socket.toString().length() <= SOCKET_PATH_MAX) return socket;
        String tag = Integer.toHexString(cluster.dir.toString().hashCode());
        return Path.of("/tmp", "tableos-qmp-" + tag, "node" + id + ".sock");
    }

    static String tapName(int id) { return "tableos-t" + id; }

    static String bridgeAddress(int id) { return "10.77.0." + (10 + id); }

    /** Boots node {@code node}; returns QEMU's pid once it has daemonized. */
    long start(ClusterState cluster, ClusterState.Node node, VmSettings settings, String peers) throws IOException {
        Path dir = cluster.nodeDir(node.id());
        Files.createDirectories(dir);
        Path disk = disk(cluster, node.id());
        if (!Files.exists(disk)) makeDataDisk(disk);
        Path socket = qmpSocket(cluster, node.id());
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        Files.deleteIfExists(isolatedMarker(cluster, node.id()));
        List<String> command = new ArrayList<>(List.of(
                image.script("qemu-node.sh").toString(),
                "--index", Integer.toString(node.id()),
                "--image-dir", image.imageDir().toString(),
                "--disk", disk.toString(),
                "--memory", settings.memoryMib() + "M",
                "--cpus", Integer.toString(settings.cpus()),
                "--accel", settings.accel(),
                "--sql-port", Integer.toString(node.sqlPort()),
                "--raft-port", Integer.toString(node.raftPort()),
                "--peers", peers,
                "--password-file", cluster.passwordFile().toString(),
                "--xmx", settings.heapMib() + "m",
                "--serial", console(cluster, node.id()).toString(),
                "--qmp", socket.toString(),
                "--pidfile", pidFile(cluster, node.id()).toString(),
                "--net", settings.net(),
                "--append", kernelExtras(settings)));
        if (settings.net().equals("bridge")) {
            command.addAll(List.of("--tap", tapName(node.id()),
                    "--ip", bridgeAddress(node.id()) + "/" + BRIDGE_PREFIX, "--gw", BRIDGE_ADDRESS));
        }
        Files.deleteIfExists(pidFile(cluster, node.id()));
        run(command, dir.resolve("qemu.log"));
        return readPid(cluster, node.id()).orElseThrow(
                () -> new LauncherException("QEMU for node " + node.id() + " wrote no pid file; see " + dir.resolve("qemu.log")));
    }

    /**
     * Under TCG every guest instruction is emulated and a loaded host stalls guests for
     * hundreds of milliseconds: Raft gets a longer election timeout (the 300 ms default
     * elects in a loop), and the JIT stops at C1 (C2 compiles are costly when emulated, and
     * a booting node spends its first minutes compiling).
     */
    static String kernelExtras(VmSettings settings) {
        if (settings.accel().equals("tcg")) {
            return "tableos.electiontimeoutms=" + TCG_ELECTION_TIMEOUT_MILLIS + " tableos.jvmopts=\"-XX:TieredStopAtLevel=1\"";
        }
        return "tableos.electiontimeoutms=" + KVM_ELECTION_TIMEOUT_MILLIS;
    }

    static final int TCG_ELECTION_TIMEOUT_MILLIS = 2000;
    static final int KVM_ELECTION_TIMEOUT_MILLIS = 1000;

    private static void makeDataDisk(Path disk) throws IOException {
        // Formatted on the host: the guest has no mkfs, and a node never runs with data in RAM.
        run(List.of("truncate", "-s", DATA_DISK_SIZE, disk.toString()), null);
        run(List.of(mke2fs(), "-q", "-F", "-t", "ext4", "-L", "tableos-data", "-m", "0",
                "-E", "root_owner=0:0", disk.toString()), null);
    }

    private static String mke2fs() {
        for (String candidate : List.of("/sbin/mke2fs", "/usr/sbin/mke2fs")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        throw new LauncherException("mke2fs not found (Debian: apt-get install e2fsprogs)");
    }

    Optional<ProcessHandle> process(ClusterState cluster, int id) {
        return readPid(cluster, id).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.contains("qemu")).orElse(true));
    }

    private Optional<Long> readPid(ClusterState cluster, int id) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile(cluster, id)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    String qmp(ClusterState cluster, int id, String command, String argumentsJson) {
        return Qmp.execute(qmpSocket(cluster, id), command, argumentsJson);
    }

    /** A crash, as the guest sees it: QEMU ends at once (QMP quit, else SIGKILL). */
    void kill(ClusterState cluster, int id) {
        Optional<ProcessHandle> running = process(cluster, id);
        if (running.isEmpty()) return;
        try {
            qmp(cluster, id, "quit", null);
        } catch (LauncherException e) {
            running.get().destroyForcibly();
        }
        awaitExit(running.get(), HARD_STOP_MILLIS);
    }

    /**
     * A clean stop: ctrl-alt-delete reaches the JVM (PID 1) as SIGINT, its shutdown hook
     * closes the node and powers the VM off, and QEMU exits. Falls back to quit after
     * {@link #CLEAN_STOP_MILLIS}. A paused VM is resumed first, or it could not react.
     */
    boolean stop(ClusterState cluster, int id) {
        Optional<ProcessHandle> running = process(cluster, id);
        if (running.isEmpty()) return false;
        try {
            qmp(cluster, id, "cont", null);
            qmp(cluster, id, "send-key", "{\"keys\":[{\"type\":\"qcode\",\"data\":\"ctrl\"},"
                    + "{\"type\":\"qcode\",\"data\":\"alt\"},{\"type\":\"qcode\",\"data\":\"delete\"}]}");
        } catch (LauncherException e) {
            kill(cluster, id);
            return true;
        }
        if (!awaitExit(running.get(), CLEAN_STOP_MILLIS)) kill(cluster, id);
        return true;
    }

    static boolean awaitExit(ProcessHandle process, long millis) {
        try {
            process.onExit().get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    /** Creates the bridge and one tap per node (root only); idempotent. */
    static void setUpBridge(int nodes) {
        requireRoot();
        if (!Files.exists(Path.of("/sys/class/net", BRIDGE))) {
            runQuietly(List.of("ip", "link", "add", BRIDGE, "type", "bridge"));
            runQuietly(List.of("ip", "addr", "add", BRIDGE_ADDRESS + "/" + BRIDGE_PREFIX, "dev", BRIDGE));
            runQuietly(List.of("ip", "link", "set", BRIDGE, "up"));
        }
        for (int id = 1; id <= nodes; id++) {
            String tap = tapName(id);
            if (tapInUse(tap)) {
                throw new LauncherException("tap " + tap + " is held by a running QEMU: another bridge-mode cluster runs on"
                        + " this host (tap names are fixed, one such cluster at a time); stop it or use --net user");
            }
            if (!Files.exists(Path.of("/sys/class/net", tap))) {
                runQuietly(List.of("ip", "tuntap", "add", "dev", tap, "mode", "tap"));
            }
            runQuietly(List.of("ip", "link", "set", tap, "master", BRIDGE));
            runQuietly(List.of("ip", "link", "set", tap, "up"));
        }
    }

    /** A tap has carrier only while a process (QEMU) holds its file descriptor open. */
    private static boolean tapInUse(String tap) {
        try {
            return Files.readString(Path.of("/sys/class/net", tap, "carrier")).trim().equals("1");
        } catch (IOException e) {
            return false;  // absent, or down (reading carrier of a down link fails)
        }
    }

    /**
     * Deletes the cluster's taps, then the bridge once nothing is attached to it any more
     * (another bridge-mode cluster's taps keep it alive). Best effort: a tap still held by a
     * QEMU that would not die is reported, not fatal, so {@code down} still finishes.
     */
    static void tearDownBridge(int nodes) {
        for (int id = 1; id <= nodes; id++) {
            if (Files.exists(Path.of("/sys/class/net", tapName(id)))) {
                try {
                    run(List.of("ip", "link", "del", tapName(id)), null);
                } catch (IOException | LauncherException e) {
                    System.err.println("tableos-cluster: could not delete tap " + tapName(id) + ": " + e.getMessage());
                }
            }
        }
        Path ports = Path.of("/sys/class/net", BRIDGE, "brif");
        try (var attached = Files.list(ports)) {
            if (attached.findAny().isEmpty()) runQuietly(List.of("ip", "link", "del", BRIDGE));
        } catch (IOException e) {
            // no bridge (already gone): nothing to do
        } catch (LauncherException e) {
            System.err.println("tableos-cluster: could not delete bridge " + BRIDGE + ": " + e.getMessage());
        }
    }

    /** Bridge mode creates interfaces: root (CAP_NET_ADMIN), the tun device and iproute2 are needed. */
    private static void requireRoot() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            throw new LauncherException("--net bridge needs root: it creates the bridge " + BRIDGE
                    + " and one tap device per node; run as root or use --net user (the default)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            throw new LauncherException("--net bridge needs /dev/net/tun (modprobe tun; in a container: --device /dev/net/tun)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip")) && !Files.isExecutable(Path.of("/bin/ip"))) {
            throw new LauncherException("--net bridge needs the ip command (Debian: apt-get install iproute2)");
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command, null);
        } catch (IOException e) {
            throw new LauncherException(String.join(" ", command) + ": " + e.getMessage());
        }
    }

    /** Runs a command to completion; its output goes to {@code log} (or is returned in the error). */
    private static void run(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        try {
            String output = log == null ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            if (process.waitFor() != 0) {
                throw new LauncherException(String.join(" ", command) + " failed"
                        + (log != null ? "; see " + log : ": " + output.trim()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
