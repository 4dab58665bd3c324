package io.tableos.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tableos-cluster}: starts, inspects and disturbs a TableOS cluster. Local mode runs
 * each node as a process on loopback. Every command takes {@code --dir DIR}, where the
 * cluster's state, logs and data live.
 */
public final class Main {
    static final String USAGE = """
            usage: tableos-cluster COMMAND --dir DIR [flags]
              up       start a cluster and print its JDBC_URL
                         --local            run nodes as local processes (default without QEMU
                                            and a VM image; see VM mode below)
                         --nodes N          number of nodes (default 1)
                         --base-port P      SQL ports P..P+N-1, Raft ports P+100.. (default 15432)
                         --heap SIZE        JVM heap per node (default 1g)
                         --timeout SECONDS  how long to wait for a leader (default 120)
              down     stop every node (SIGTERM, then SIGKILL after 20 s)
              status   list nodes: pid, role, Raft term, commit and applied index, lag
              add      start a new node (next free ports) and add it to the group
              remove I remove node I from the group, then stop it
              replace I  start a new node and swap it for node I (e.g. a dead one) in one change
              kill I   SIGKILL node I
              restart I  start node I again on its data
              pause I  SIGSTOP node I
              resume I SIGCONT node I
              url      print the JDBC_URL again
              mount MOUNTPOINT  mount the cluster's file system (fs) there with FUSE, following the leader
              umount MOUNTPOINT  unmount it (no --dir needed)
            Local nodes also get the JVM options in $TABLEOS_NODE_JVM_OPTIONS (A/B runs: -Dtableos.raftrpc=netty).
            """ + VmMode.USAGE;

    private Main() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (LauncherException e) {
            System.err.println("tableos-cluster: " + e.getMessage());
            System.exit(e.exitStatus);
        } catch (IOException e) {
            System.err.println("tableos-cluster: " + e);
            System.exit(1);
        }
    }

    static void run(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            return;
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--local")) {
                flags.put("local", "true");
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.length) throw usage(a + ": missing value");
                flags.put(a.substring(2), args[++i]);
            } else {
                positional.add(a);
            }
        }
        if (command.equals("umount")) {
            if (positional.size() != 1) throw usage("umount takes the mount point");
            FsMounts.umount(Path.of(positional.get(0)).toAbsolutePath());
            return;
        }
        String dirText = flags.remove("dir");
        if (dirText == null) throw usage("--dir DIR is required");
        Path dir = Path.of(dirText).toAbsolutePath();
        Path home = Path.of(System.getProperty("tableos.home", ".")).toAbsolutePath();
        if (command.equals("mount")) {  // local and VM clusters alike: the mount is a client on this host
            if (positional.size() != 1) throw usage("mount takes the mount point");
            new FsMounts(home).mount(ClusterState.load(dir), Path.of(positional.get(0)).toAbsolutePath());
            if (!flags.isEmpty()) throw usage("unknown flag --" + flags.keySet().iterator().next());
            return;
        }
        if (VmMode.handles(command, dir, flags, home)) {
            new VmMode(home).run(command, positional, dir, flags);
            if (!flags.isEmpty()) throw usage("unknown flag --" + flags.keySet().iterator().next());
            return;
        }
        LocalNodes nodes = new LocalNodes(home, flags.getOrDefault("heap", "1g"),
                LocalNodes.splitOptions(System.getenv(LocalNodes.EXTRA_JVM_OPTIONS_VARIABLE)));
        flags.remove("heap");
        int timeoutSeconds = intFlag(flags, "timeout", 120, 1, 3600);
        switch (command) {
            case "up" -> up(dir, nodes, flags, timeoutSeconds);
            case "down" -> down(ClusterState.load(dir), nodes);
            case "status" -> status(ClusterState.load(dir), nodes);
            case "add" -> {
                if (!positional.isEmpty()) throw usage("add takes no node number");
                new Membership(nodes, timeoutSeconds).add(ClusterState.load(dir));
            }
            case "remove" -> {
                ClusterState cluster = ClusterState.load(dir);
                new Membership(nodes, timeoutSeconds).remove(cluster, nodeArgument(positional, cluster));
            }
            case "replace" -> {
                ClusterState cluster = ClusterState.load(dir);
                new Membership(nodes, timeoutSeconds).replace(cluster, nodeArgument(positional, cluster));
            }
            case "url" -> System.out.println("JDBC_URL=" + ClusterState.load(dir).jdbcUrl());
            case "kill", "pause", "resume" -> {
                ClusterState cluster = ClusterState.load(dir);
                int id = nodeArgument(positional, cluster);
                ProcessHandle p = nodes.process(cluster, id)
                        .orElseThrow(() -> new LauncherException("node " + id + " is not running"));
                nodes.signal(p, switch (command) { case "kill" -> "KILL"; case "pause" -> "STOP"; default -> "CONT"; });
                System.out.println("node " + id + ": " + command + " (pid " + p.pid() + ")");
            }
            case "restart" -> {
                ClusterState cluster = ClusterState.load(dir);
                int id = nodeArgument(positional, cluster);
                Optional<ProcessHandle> running = nodes.process(cluster, id);
                if (running.isPresent()) {
                    nodes.signal(running.get(), "KILL");
                    running.get().onExit().join();
                }
                long pid = nodes.start(cluster, cluster.node(id));
                waitUntil(cluster, List.of(cluster.node(id)), false, timeoutSeconds);
                System.out.println("node " + id + ": restarted (pid " + pid + ")");
            }
            default -> throw usage("unknown command '" + command + "'");
        }
        if (!flags.isEmpty()) throw usage("unknown flag --" + flags.keySet().iterator().next());
    }

    private static void up(Path dir, LocalNodes nodes, Map<String, String> flags, int timeoutSeconds) throws IOException {
        flags.remove("local");  // process mode: asked for, or no QEMU/VM image here (VmMode.handles)
        int count = intFlag(flags, "nodes", 1, 1, 9);
        int basePort = intFlag(flags, "base-port", 15432, 1024, 65000);
        if (ClusterState.exists(dir)) {
            ClusterState old = ClusterState.load(dir);
            boolean running = old.nodes.stream().anyMatch(n -> nodes.process(old, n.id()).isPresent());
            if (running) throw new LauncherException("a cluster is already running in " + dir + " (tableos-cluster down --dir " + dir + ")");
        }
        List<ClusterState.Node> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ClusterState.Node n = new ClusterState.Node(i, "127.0.0.1", basePort + i - 1, basePort + 100 + i - 1);
            LocalNodes.requireFreePort(n.host(), n.sqlPort());
            LocalNodes.requireFreePort(n.host(), n.raftPort());
            members.add(n);
        }
        Files.createDirectories(dir);
        ClusterState cluster = new ClusterState(dir, "local", "tableos", members);
        if (!Files.exists(cluster.passwordFile())) writePassword(cluster.passwordFile());
        cluster.save();
        for (ClusterState.Node n : members) {
            long pid = nodes.start(cluster, n);
            System.out.println("node " + n.id() + ": started pid " + pid + ", SQL " + n.host() + ":" + n.sqlPort()
                    + ", log " + cluster.nodeDir(n.id()).resolve("node.log"));
        }
        waitUntil(cluster, members, true, timeoutSeconds);
        System.out.println("JDBC_URL=" + cluster.jdbcUrl());
    }

    /** Polls until every listed node answers SQL and (if asked) one of them is the leader. */
    static void waitUntil(ClusterState cluster, List<ClusterState.Node> members, boolean needLeader, int timeoutSeconds) {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long pauseMillis = 100;
        while (true) {
            boolean allUp = true;
            boolean leader = false;
            for (ClusterState.Node n : members) {
                Readiness.Role role = Readiness.probe(cluster, n);
                allUp &= role != Readiness.Role.DOWN;
                leader |= role == Readiness.Role.LEADER;
            }
            if (allUp && (leader || !needLeader)) return;
            if (System.nanoTime() > deadline) {
                throw new LauncherException("no " + (allUp ? "leader" : "answer from every node") + " after " + timeoutSeconds
                        + " s; see the logs in " + cluster.dir + "/node*/node.log");
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted");
            }
            pauseMillis = Math.min(pauseMillis * 2, 1000);
        }
    }

    private static void down(ClusterState cluster, LocalNodes nodes) {
        List<ProcessHandle> stopping = new ArrayList<>();
        for (ClusterState.Node n : cluster.nodes) {
            nodes.process(cluster, n.id()).ifPresent(p -> {
                nodes.signal(p, "TERM");
                stopping.add(p);
            });
        }
        for (ProcessHandle p : stopping) {
            try {
                p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                nodes.signal(p, "KILL");
            }
        }
        System.out.println("stopped " + stopping.size() + " node(s)");
    }

    private static void status(ClusterState cluster, LocalNodes nodes) {
        String format = "%-4s %-8s %-22s %-8s %6s %9s %9s %6s %8s%n";
        System.out.printf(format, "node", "pid", "sql", "role", "term", "commit", "applied", "lag", "contact");
        for (ClusterState.Node n : cluster.nodes) {
            Optional<ProcessHandle> p = nodes.process(cluster, n.id());
            Readiness.Report r = p.isEmpty() ? null : Readiness.report(cluster, n);
            String role = r == null ? "stopped" : r.role().name().toLowerCase();
            System.out.printf(format, n.id(), p.map(h -> Long.toString(h.pid())).orElse("-"),
                    n.host() + ":" + n.sqlPort(), role, text(r == null ? null : r.term()),
                    text(r == null ? null : r.commitIndex()), text(r == null ? null : r.appliedIndex()),
                    text(r == null ? null : r.lag()),
                    r == null || r.lastContactMillis() == null ? "-" : r.lastContactMillis() + "ms");
        }
    }

    private static String text(Long value) {
        return value == null ? "-" : value.toString();
    }

    private static void writePassword(Path file) throws IOException {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static int nodeArgument(List<String> positional, ClusterState cluster) {
        if (positional.size() != 1) throw usage("expected one node number");
        try {
            int id = Integer.parseInt(positional.get(0));
            cluster.node(id);
            return id;
        } catch (NumberFormatException e) {
            throw usage("node number expected, got '" + positional.get(0) + "'");
        }
    }

    private static int intFlag(Map<String, String> flags, String name, int defaultValue, int min, int max) {
        String v = flags.remove(name);
        if (v == null) return defaultValue;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw usage("--" + name + ": expected an integer " + min + ".." + max + ", got '" + v + "'");
        }
    }

    private static LauncherException usage(String message) {
        return new LauncherException(message + "\n" + USAGE, 2);
    }
}
