package io.tableos.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tableos-cluster} in VM mode: every node is a QEMU VM booting the TableOS image
 * ({@link VmNodes}). Chosen by {@code up} when QEMU and the image exist and {@code --local}
 * is absent; later commands follow the mode recorded in DIR/cluster.properties.
 *
 * <p>Addresses: with user networking each node's SQL and Raft ports are forwarded from
 * 127.0.0.1 on the host to the same ports in the guest, and peers are named
 * ({@code 1=node1:raftPort:sqlPort}); each guest resolves the other names to 10.0.2.2, the
 * host, so Raft traffic between VMs goes guest → host forward → guest. Clients use
 * 127.0.0.1:sqlPort. With bridge networking (root) each guest has its own address on the
 * host bridge {@value VmNodes#BRIDGE} and everything dials it directly.
 */
final class VmMode {
    static final String MODE = "vm";
    static final String USAGE = """
            VM mode (default when qemu-system-x86_64 and unikernel-build/build/image.env exist):
              up       --nodes N --base-port P --memory 768M --cpus 1 --accel auto|kvm|tcg
                       --net user|bridge --timeout SECONDS (default 600)
              down     stop every VM cleanly (ctrl-alt-delete → node close → power off)
              status   VM state, network link and role of each node
              kill I   hard stop (QMP quit)        restart I  boot again on the same data disk
              pause I  QMP stop (freeze)           resume I   QMP cont
              isolate I  unplug the NIC (set_link off)   heal I  plug it back
              logs I   the node's serial console     url  the JDBC_URL again
            """;
    static final int DEFAULT_TIMEOUT_SECONDS = 600;
    static final String DEFAULT_MEMORY = "768M";
    private static final long POLL_MAX_MILLIS = 1000;

    private final VmImage image;
    private final VmNodes nodes;

    VmMode(Path home) {
        this.image = new VmImage(home);
        this.nodes = new VmNodes(image);
    }

    /** True when this command is VM mode's: {@code up} without --local on a VM-capable host, or a VM cluster's DIR. */
    static boolean handles(String command, Path dir, Map<String, String> flags, Path home) {
        if (command.equals("up")) {
            if (flags.containsKey("local")) return false;
            String net = flags.get("net");
            return flags.containsKey("accel") || flags.containsKey("memory") || flags.containsKey("cpus") || net != null
                    || new VmImage(home).available();
        }
        return ClusterState.exists(dir) && MODE.equals(ClusterState.load(dir).mode);
    }

    void run(String command, List<String> positional, Path dir, Map<String, String> flags) throws IOException {
        int timeoutSeconds = intFlag(flags, "timeout", DEFAULT_TIMEOUT_SECONDS, 1, 3600);
        switch (command) {
            case "up" -> up(dir, flags, timeoutSeconds);
            case "down" -> down(ClusterState.load(dir));
            case "status" -> status(ClusterState.load(dir));
            case "url" -> System.out.println("JDBC_URL=" + ClusterState.load(dir).jdbcUrl());
            case "logs" -> {
                ClusterState cluster = ClusterState.load(dir);
                Path console = nodes.console(cluster, node(positional, cluster));
                if (Files.exists(console)) System.out.write(Files.readAllBytes(console));
                System.out.flush();
            }
            case "kill" -> {
                ClusterState cluster = ClusterState.load(dir);
                int id = node(positional, cluster);
                long pid = requireRunning(cluster, id).pid();
                nodes.kill(cluster, id);
                System.out.println("node " + id + ": killed (QEMU pid " + pid + ")");
            }
            case "restart" -> {
                ClusterState cluster = ClusterState.load(dir);
                int id = node(positional, cluster);
                nodes.kill(cluster, id);
                long started = System.nanoTime();
                long pid = nodes.start(cluster, cluster.node(id), VmSettings.load(dir), peers(cluster, VmSettings.load(dir)));
                awaitNodes(cluster, List.of(cluster.node(id)), false, timeoutSeconds, started);
                System.out.println("node " + id + ": restarted (QEMU pid " + pid + ")");
            }
            case "pause", "resume", "isolate", "heal" -> {
                ClusterState cluster = ClusterState.load(dir);
                int id = node(positional, cluster);
                requireRunning(cluster, id);
                switch (command) {
                    case "pause" -> nodes.qmp(cluster, id, "stop", null);
                    case "resume" -> nodes.qmp(cluster, id, "cont", null);
                    case "isolate" -> {
                        nodes.qmp(cluster, id, "set_link", "{\"name\":\"nic0\",\"up\":false}");
                        Files.writeString(nodes.isolatedMarker(cluster, id), "isolated\n");
                    }
                    default -> {
                        nodes.qmp(cluster, id, "set_link", "{\"name\":\"nic0\",\"up\":true}");
                        Files.deleteIfExists(nodes.isolatedMarker(cluster, id));
                    }
                }
                System.out.println("node " + id + ": " + command + (command.endsWith("e") ? "d" : "ed"));
            }
            default -> throw new LauncherException("unknown command '" + command + "'\n" + Main.USAGE, 2);
        }
    }

    private void up(Path dir, Map<String, String> flags, int timeoutSeconds) throws IOException {
        image.requireAvailable();
        int count = intFlag(flags, "nodes", 1, 1, 9);
        int basePort = intFlag(flags, "base-port", 15432, 1024, 65000);
        int memoryMib = VmSettings.parseMemoryMib(orDefault(flags, "memory", DEFAULT_MEMORY));
        int cpus = intFlag(flags, "cpus", 1, 1, 64);
        String net = orDefault(flags, "net", "user");
        if (!net.equals("user") && !net.equals("bridge")) throw new LauncherException("--net: expected user or bridge, got '" + net + "'", 2);
        String heap = flags.remove("heap");
        int heapMib = heap == null ? VmSettings.heapFor(memoryMib) : VmSettings.parseMemoryMib(heap);
        Accelerator.Choice accel = Accelerator.choose(orDefault(flags, "accel", "auto"), image);
        System.out.println("accel: " + accel.accel() + " (" + accel.reason() + ")");

        if (ClusterState.exists(dir)) {
            ClusterState old = ClusterState.load(dir);
            if (MODE.equals(old.mode) && old.nodes.stream().anyMatch(n -> nodes.process(old, n.id()).isPresent())) {
                throw new LauncherException("a cluster is already running in " + dir + " (tableos-cluster down --dir " + dir + ")");
            }
        }
        List<ClusterState.Node> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String host = net.equals("bridge") ? VmNodes.bridgeAddress(i) : "127.0.0.1";
            ClusterState.Node n = new ClusterState.Node(i, host, basePort + i - 1, basePort + 100 + i - 1);
            if (net.equals("user")) {
                LocalNodes.requireFreePort(n.host(), n.sqlPort());
                LocalNodes.requireFreePort(n.host(), n.raftPort());
            }
            members.add(n);
        }
        // Before any state is written: a refusal (not root, taps busy) leaves DIR as it was.
        if (net.equals("bridge")) VmNodes.setUpBridge(count);
        Files.createDirectories(dir);
        ClusterState cluster = new ClusterState(dir, MODE, "tableos", members);
        if (!Files.exists(cluster.passwordFile())) writePassword(cluster.passwordFile());
        cluster.save();
        VmSettings settings = new VmSettings(accel.accel(), memoryMib, cpus, net, heapMib);
        settings.save(dir);

        String peers = peers(cluster, settings);
        long started = System.nanoTime();
        for (ClusterState.Node n : members) {
            long pid = nodes.start(cluster, n, settings, peers);
            System.out.println("node " + n.id() + ": VM started (QEMU pid " + pid + ", " + memoryMib + " MB, " + cpus
                    + " vCPU, heap " + heapMib + " MB), SQL " + n.host() + ":" + n.sqlPort()
                    + ", console " + nodes.console(cluster, n.id()));
        }
        awaitNodes(cluster, members, true, timeoutSeconds, started);
        System.out.println("JDBC_URL=" + cluster.jdbcUrl());
    }

    /** The tableos.peers value every node gets: names under user networking, bridge addresses otherwise. */
    static String peers(ClusterState cluster, VmSettings settings) {
        List<String> entries = new ArrayList<>();
        for (ClusterState.Node n : cluster.nodes) {
            String host = settings.net().equals("bridge") ? VmNodes.bridgeAddress(n.id()) : "node" + n.id();
            entries.add(n.id() + "=" + host + ":" + n.raftPort() + ":" + n.sqlPort());
        }
        return String.join(",", entries);
    }

    /**
     * Polls until every listed node answers SQL (and, if asked, one is the leader), printing
     * each node's boot-to-SQL time as it comes up; fails early when a VM's QEMU has exited.
     */
    private void awaitNodes(ClusterState cluster, List<ClusterState.Node> members, boolean needLeader,
                            int timeoutSeconds, long startedNanos) {
        long deadline = startedNanos + timeoutSeconds * 1_000_000_000L;
        Map<Integer, Double> upAfter = new LinkedHashMap<>();
        long pauseMillis = 100;
        while (true) {
            boolean leader = false;
            for (ClusterState.Node n : members) {
                if (nodes.process(cluster, n.id()).isEmpty()) {
                    throw new LauncherException("node " + n.id() + "'s VM exited; console: " + nodes.console(cluster, n.id()));
                }
                Readiness.Role role = Readiness.probe(cluster, n);
                if (role != Readiness.Role.DOWN && !upAfter.containsKey(n.id())) {
                    double seconds = (System.nanoTime() - startedNanos) / 1e9;
                    upAfter.put(n.id(), seconds);
                    System.out.printf("node %d: accepting SQL after %.1f s (boot to SQL)%n", n.id(), seconds);
                }
                leader |= role == Readiness.Role.LEADER;
            }
            boolean allUp = upAfter.size() == members.size();
            if (allUp && (leader || !needLeader)) return;
            if (System.nanoTime() > deadline) {
                throw new LauncherException("no " + (allUp ? "leader" : "answer from every node") + " after " + timeoutSeconds
                        + " s; see the consoles in " + cluster.dir + "/node*/console.log");
            }
            sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, POLL_MAX_MILLIS);
        }
    }

    private void down(ClusterState cluster) {
        List<Thread> stopping = new ArrayList<>();
        int[] stopped = {0};
        for (ClusterState.Node n : cluster.nodes) {
            Thread t = new Thread(() -> {
                if (nodes.stop(cluster, n.id())) {
                    synchronized (stopped) { stopped[0]++; }
                }
            }, "stop-node" + n.id());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted");
            }
        }
        if ("bridge".equals(VmSettings.load(cluster.dir).net())) VmNodes.tearDownBridge(cluster.nodes.size());
        System.out.println("stopped " + stopped[0] + " VM(s)");
    }

    private void status(ClusterState cluster) {
        System.out.printf("%-4s %-8s %-22s %-9s %-9s %-8s%n", "node", "qemu", "sql", "vm", "link", "role");
        for (ClusterState.Node n : cluster.nodes) {
            Optional<ProcessHandle> p = nodes.process(cluster, n.id());
            String vm = "stopped";
            String role = "-";
            if (p.isPresent()) {
                try {
                    String reply = nodes.qmp(cluster, n.id(), "query-status", null);
                    vm = reply.contains("\"running\": true") || reply.contains("\"running\":true") ? "running" : "paused";
                } catch (LauncherException e) {
                    vm = "no-qmp";
                }
                role = vm.equals("running") ? Readiness.probe(cluster, n).name().toLowerCase() : "-";
            }
            String link = Files.exists(nodes.isolatedMarker(cluster, n.id())) ? "isolated" : "up";
            System.out.printf("%-4d %-8s %-22s %-9s %-9s %-8s%n", n.id(), p.map(h -> Long.toString(h.pid())).orElse("-"),
                    n.host() + ":" + n.sqlPort(), vm, link, role);
        }
    }

    private ProcessHandle requireRunning(ClusterState cluster, int id) {
        return nodes.process(cluster, id).orElseThrow(() -> new LauncherException("node " + id + "'s VM is not running"));
    }

    private static int node(List<String> positional, ClusterState cluster) {
        if (positional.size() != 1) throw new LauncherException("expected one node number", 2);
        try {
            int id = Integer.parseInt(positional.get(0));
            cluster.node(id);
            return id;
        } catch (NumberFormatException e) {
            throw new LauncherException("node number expected, got '" + positional.get(0) + "'", 2);
        }
    }

    private static String orDefault(Map<String, String> flags, String name, String defaultValue) {
        String v = flags.remove(name);
        return v == null ? defaultValue : v;
    }

    private static int intFlag(Map<String, String> flags, String name, int defaultValue, int min, int max) {
        String v = flags.remove(name);
        if (v == null) return defaultValue;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new LauncherException("--" + name + ": expected an integer " + min + ".." + max + ", got '" + v + "'", 2);
        }
    }

    private static void writePassword(Path file) throws IOException {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        Files.writeString(file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }
}
