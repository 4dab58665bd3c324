package io.tableos.db.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real TableOS node in its own JVM process, for integration tests: started from the test
 * classpath with the production main class and flags, killed with SIGKILL when a test asks.
 * Readiness is the node's own "TABLEOS-READY sql=host:port" line on stdout: no polling.
 */
public final class TestNode implements AutoCloseable {
    public static final String USER = "tableos";
    public static final String PASSWORD = "test-password";

    private final Path dir;
    private final int raftPort;
    private Process process;
    private String sqlAddress;
    private final StringBuffer output = new StringBuffer();
    private final List<String> extraJvmOptions = new ArrayList<>();
    private String heap = "-Xmx512m";

    public TestNode(Path dir) throws IOException {
        this.dir = dir;
        this.raftPort = freePort();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    }

    public static TestNode start(Path dir) throws IOException {
        TestNode node = new TestNode(dir);
        node.start();
        return node;
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-ea");
        command.addAll(jvmOptions());
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tableos.db.sys.NodeMain");
        command.addAll(List.of("--data-dir", dir.resolve("data").toString(), "--sql-port", "0",
                "--raft-port", Integer.toString(raftPort), "--password-file", dir.resolve("password").toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(ready), "test-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            sqlAddress = ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not become ready: " + e + "\n--- node output ---\n" + output, e);
        }
    }

    private void readOutput(CompletableFuture<String> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("TABLEOS-READY sql=")) ready.complete(line.substring("TABLEOS-READY sql=".length()).trim());
            }
        } catch (IOException e) {
            // the process died; fall through
        }
        ready.completeExceptionally(new IllegalStateException("node exited before it was ready"));
    }

    /** The JVM flags production uses (from the build's jvm.options), so tests run the node as deployed. */
    static List<String> jvmOptions() {
        String opens = System.getProperty("tableos.jvm.opens");
        List<String> options = new ArrayList<>();
        if (opens != null) {
            for (String o : opens.trim().split("\\s+")) if (!o.isEmpty()) options.add(o);
        }
        return options;
    }

    /** Extra JVM flags (replacing earlier ones) for the next {@link #start()}, e.g. a test's injected fault. */
    public TestNode withJvmOptions(String... options) {
        extraJvmOptions.clear();
        extraJvmOptions.addAll(List.of(options));
        return this;
    }

    /** The node's heap for the next {@link #start()} ({@code -Xmx} value, 512m by default). */
    public TestNode withHeap(String xmx) {
        heap = "-Xmx" + xmx;
        return this;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Waits until the process exits by itself and returns its exit code. */
    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node still running after " + timeoutSeconds + " s\n--- node output ---\n" + output);
        }
        return process.exitValue();
    }

    public String sqlAddress() {
        return sqlAddress;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + sqlAddress + "/tableos?user=" + USER + "&password=" + PASSWORD;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public String output() {
        return output.toString();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) kill();
    }

    static int freePort() {
        return ListenPorts.stable();
    }
}
