package io.tableos.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Node processes on this host: start (detached, in their own session so a Ctrl-C in the
 * launcher's terminal does not reach them), signal, and find by pid file.
 */
final class LocalNodes {
    /** Environment variable with JVM options added after the build's (benchmark A/B runs). */
    static final String EXTRA_JVM_OPTIONS_VARIABLE = "TABLEOS_NODE_JVM_OPTIONS";

    private final Path home;
    private final String heap;
    private final List<String> extraJvmOptions;

    LocalNodes(Path home, String heap, List<String> extraJvmOptions) {
        this.home = home;
        this.heap = heap;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
    }

    /** Whitespace-separated options; none for null. */
    static List<String> splitOptions(String text) {
        List<String> options = new ArrayList<>();
        if (text == null) return options;
        for (String option : text.trim().split("\\s+")) {
            if (!option.isEmpty()) options.add(option);
        }
        return options;
    }

    /** The node runtime built by {@code mvn package}: jar, dependency jars and JVM options. */
    private Path nodeJar() {
        Path jar = home.resolve("db-node/target/db-node.jar");
        if (!Files.exists(jar)) {
            throw new LauncherException("the node is not built: " + jar + " is missing (run: make build)");
        }
        return jar;
    }

    private List<String> jvmOptions() throws IOException {
        Path file = home.resolve("db-node/target/jvm.options");
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) options.addAll(splitOptions(line));
        options.addAll(extraJvmOptions);
        return options;
    }

    long start(ClusterState cluster, ClusterState.Node node) throws IOException {
        Path dir = cluster.nodeDir(node.id());
        Files.createDirectories(dir.resolve("data"));
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.add("-XX:MaxDirectMemorySize=512m");
        command.add("-XX:+UseG1GC");
        command.addAll(jvmOptions());
        command.add("-jar");
        command.add(nodeJar().toString());
        command.addAll(List.of(
                "--node-id", Integer.toString(node.id()),
                "--data-dir", dir.resolve("data").toString(),
                "--host", node.host(),
                "--sql-port", Integer.toString(node.sqlPort()),
                "--raft-port", Integer.toString(node.raftPort()),
                "--peers", cluster.peers(),
                "--user", cluster.user,
                "--password-file", cluster.passwordFile().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        long pid = process.pid();
        Files.writeString(dir.resolve("pid"), Long.toString(pid));
        return pid;
    }

    Optional<ProcessHandle> process(ClusterState cluster, int id) {
        Path pidFile = cluster.nodeDir(id).resolve("pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains("db-node")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends a signal (KILL, TERM, STOP, CONT) to a node's process. */
    void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) throw new LauncherException("kill -" + signal + " " + process.pid() + " failed");
        } catch (IOException e) {
            throw new LauncherException("cannot run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    static void requireFreePort(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new LauncherException("port " + host + ":" + port + " is taken (choose another with --base-port)");
        }
    }
}
