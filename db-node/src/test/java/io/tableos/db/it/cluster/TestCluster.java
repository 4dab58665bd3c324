package io.tableos.db.it.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local cluster of real node processes for integration tests, modelled on
 * {@link io.tableos.db.it.TestNode}: each node is its own JVM started from the test
 * classpath with the production flags, on loopback ports chosen here (the peer list needs
 * every SQL and Raft port up front), and is ready when it prints
 * {@code TABLEOS-READY sql=host:port}. Nodes can be killed (SIGKILL), paused (SIGSTOP),
 * resumed, restarted on their data, wiped, and new nodes added.
 *
 * <p>Fault model: process crash at any instruction (SIGKILL), a frozen process (SIGSTOP:
 * sockets stay open, nothing answers), data loss (wipe). The network is loopback and reliable.
 * Each node's output goes to {@code target/cluster-logs/<dir name>/nodeI.log}.
 */
public final class TestCluster implements AutoCloseable {
    public static final String USER = "tableos";
    public static final String PASSWORD = "test-password";
    /** Swap for io.tableos.db.sys.NodeMain once it installs the cluster procedures itself. */
    static final String MAIN_CLASS = "io.tableos.db.sys.NodeMain";
    static final String HEAP = "-Xmx256m";
    private static final int LOG_TAIL_LINES = 80;

    public record Address(int id, int sqlPort, int raftPort) {
        String peerSpec() {
            return id + "=127.0.0.1:" + raftPort + ":" + sqlPort;
        }

        String sqlAddress() {
            return "127.0.0.1:" + sqlPort;
        }
    }

    private final Path dir;
    /** Node logs outlive the temporary data directory, for post-mortems: target/cluster-logs/<dir name>. */
    private final Path logDir;
    /** Members as this harness believes them (add/remove keep it in step with the group). */
    private final Map<Integer, Address> members = new TreeMap<>();
    private final Map<Integer, Process> processes = new TreeMap<>();
    private final String heap;
    /** JVM options every node starts with besides the defaults, e.g. -Dtableos.* node parameters. */
    private final List<String> nodeOptions;

    private TestCluster(Path dir, String heap, List<String> nodeOptions) throws IOException {
        this.dir = dir;
        this.heap = heap;
        this.nodeOptions = List.copyOf(nodeOptions);
        this.logDir = Path.of("target", "cluster-logs", dir.getFileName().toString());
        Files.createDirectories(dir);
        Files.createDirectories(logDir);
        Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    }

    /** Starts {@code n} nodes and waits until each is ready and one leads. */
    public static TestCluster start(Path dir, int n) throws Exception {
        return start(dir, n, HEAP, List.of());
    }

    /** As {@link #start(Path, int)}, each node with heap {@code heap} (an -Xmx option) and {@code nodeOptions}. */
    public static TestCluster start(Path dir, int n, String heap, List<String> nodeOptions) throws Exception {
        TestCluster cluster = new TestCluster(dir, heap, nodeOptions);
        try {
            for (int id = 1; id <= n; id++) cluster.members.put(id, cluster.newAddress(id));
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                int node = id;
                starting.add(CompletableFuture.runAsync(() -> cluster.startUnchecked(node)));
            }
            for (CompletableFuture<Void> f : starting) f.get(180, TimeUnit.SECONDS);
            cluster.awaitLeader();
            return cluster;
        } catch (Exception | Error e) {
            cluster.printNodeStates();
            cluster.close();
            cluster.printLogTails();
            throw e;
        }
    }

    /**
     * Each running node's own view (sys.nodes: role, leader readiness, indexes) and whether it
     * serves writes, on stdout: twice in CI a cluster had a Raft leader for the whole minute
     * without any node answering transaction_read_only = off, and the logs alone did not say why.
     */
    void printNodeStates() {
        for (int id : members.keySet()) {
            System.out.println("---- node " + id + (running(id) ? "" : " (not running)") + " ----");
            if (!running(id)) continue;
            try (Connection c = connectQuick(id); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
                    if (rs.next()) System.out.println("transaction_read_only = " + rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM sys.nodes")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) row.append(i > 1 ? " | " : "").append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
                        System.out.println(row);
                    }
                }
            } catch (SQLException e) {
                System.out.println("unreachable: " + e.getMessage());
            }
            printThreads(id);
        }
    }

    /** The node's thread dump (jcmd Thread.print) into its log directory, and the path on stdout. */
    private void printThreads(int id) {
        Path dump = logDir.resolve("node" + id + "-threads.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(processes.get(id).pid()), "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (jcmd.waitFor(30, TimeUnit.SECONDS)) System.out.println("threads: " + dump);
            else jcmd.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            System.out.println("no thread dump: " + e);
        }
    }

    /** The last lines of each node's log on stdout: a cluster that failed to start in CI says why there. */
    void printLogTails() {
        for (int id : members.keySet()) {
            Path log = logDir.resolve("node" + id + ".log");
            try {
                List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
                System.out.println("---- last lines of " + log + " ----");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(System.out::println);
            } catch (IOException | UncheckedIOException e) {
                System.out.println("---- " + log + " unreadable: " + e);
            }
        }
    }

    Address newAddress(int id) {
        return new Address(id, freePort(), freePort());
    }

    public Map<Integer, Address> members() {
        return members;
    }

    String peers() {
        return members.values().stream().map(Address::peerSpec).collect(Collectors.joining(","));
    }

    private void startUnchecked(int id) {
        try {
            start(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts node {@code id} (again) on its data directory with the current peer list. */
    public void start(int id) throws IOException {
        Address a = members.get(id);
        Path nodeDir = dir.resolve("node" + id);
        Files.createDirectories(nodeDir.resolve("data"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-XX:MaxDirectMemorySize=256m");
        command.add("-XX:+UseSerialGC");
        command.add("-ea");
        command.addAll(jvmOptions());
        command.addAll(nodeOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(List.of("--node-id", Integer.toString(id), "--data-dir", nodeDir.resolve("data").toString(),
                "--host", "127.0.0.1", "--sql-port", Integer.toString(a.sqlPort()),
                "--raft-port", Integer.toString(a.raftPort()), "--peers", peers(),
                "--password-file", dir.resolve("password").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.put(id, process);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Path log = logDir.resolve("node" + id + ".log");
        Thread reader = new Thread(() -> copyOutput(process, log, ready), "node-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("node " + id + " did not become ready: " + e + "; see " + log, e);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                w.flush();
                if (line.startsWith("TABLEOS-READY sql=")) ready.complete(line.substring(18).trim());
            }
        } catch (IOException e) {
            // the process died; fall through
        }
        ready.completeExceptionally(new IllegalStateException("node exited before it was ready"));
    }

    static List<String> jvmOptions() {
        String opens = System.getProperty("tableos.jvm.opens");
        List<String> options = new ArrayList<>();
        // Elections and role changes in the node logs (a few lines per start), for printLogTails.
        options.add("-Dorg.slf4j.simpleLogger.log.org.apache.ratis.server.impl=info");
        options.add("-Dorg.slf4j.simpleLogger.log.io.tableos.db.txn.Sequencer=info"); // when it takes over
        if (opens != null) for (String o : opens.trim().split("\\s+")) if (!o.isEmpty()) options.add(o);
        return options;
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill(int id) throws InterruptedException {
        Process p = processes.remove(id);
        if (p == null) return;
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    public void pause(int id) throws IOException, InterruptedException {
        signal(id, "STOP");
    }

    public void resume(int id) throws IOException, InterruptedException {
        signal(id, "CONT");
    }

    private void signal(int id, String signal) throws IOException, InterruptedException {
        Process p = processes.get(id);
        if (p == null) throw new IllegalStateException("node " + id + " is not running");
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " failed");
    }

    public boolean running(int id) {
        Process p = processes.get(id);
        return p != null && p.isAlive();
    }

    /** Deletes node {@code id}'s data directory (the node must be stopped). */
    public void wipe(int id) throws IOException {
        if (running(id)) throw new IllegalStateException("node " + id + " is running");
        Path data = dir.resolve("node" + id).resolve("data");
        if (!Files.exists(data)) return;
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Adds a member to the harness's peer list (not yet to the group) and starts its process. */
    public Address startNewNode() throws IOException {
        int id = members.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Address a = newAddress(id);
        members.put(id, a);
        start(id);
        return a;
    }

    /** Forgets a member (after sys.remove_node) and stops its process. */
    public void forget(int id) throws InterruptedException {
        kill(id);
        members.remove(id);
    }

    public String jdbcUrl() {
        String hosts = members.values().stream().map(Address::sqlAddress).collect(Collectors.joining(","));
        return "jdbc:postgresql://" + hosts + "/tableos?targetServerType=primary&user=" + USER + "&password=" + PASSWORD;
    }

    public String nodeUrl(int id) {
        return "jdbc:postgresql://" + members.get(id).sqlAddress() + "/tableos?user=" + USER + "&password=" + PASSWORD;
    }

    /** A connection to the leader (pgJDBC's targetServerType=primary picks it). */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        // A frozen (SIGSTOPped) node accepts TCP connections but never answers: the socket
        // timeout bounds how long the driver waits on it before trying the next host.
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    public Connection connect(int id) throws SQLException {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(nodeUrl(id), p);
    }

    /** The id of the node that reports transaction_read_only = off, or -1. */
    public int leaderId() {
        return leaderId(-1);
    }

    private int leaderId(int except) {
        for (int id : members.keySet()) {
            if (!running(id) || id == except) continue;
            try (Connection c = connectQuick(id); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
                if (rs.next() && "off".equals(rs.getString(1))) return id;
            } catch (SQLException e) {
                // down, paused or starting
            }
        }
        return -1;
    }

    private Connection connectQuick(int id) throws SQLException {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "1");
        p.setProperty("socketTimeout", "2");
        p.setProperty("loginTimeout", "2");
        return DriverManager.getConnection(nodeUrl(id), p);
    }

    public int awaitLeader() throws InterruptedException {
        return awaitLeaderOtherThan(-1);
    }

    /** Waits up to 60 s for a writable node other than {@code old} (-1: any) and returns its id. */
    public int awaitLeaderOtherThan(int old) throws InterruptedException {
        int[] leader = {-1};
        try {
            eventually(() -> (leader[0] = leaderId(old)) > 0, old < 0 ? "a leader" : "a new leader", 60);
        } catch (AssertionError e) {
            printNodeStates(); // a failover that never ends, too, says which side never became ready
            // CI shows failure messages but rarely the output: the gist goes into the message.
            throw new AssertionError(e.getMessage() + "; " + nodeStateSummary(), e);
        }
        return leader[0];
    }

    /**
     * One line per node: why it is or is not writable (Raft's readiness, the sequencer's
     * takeover, the indexes) and where its apply and sequencer threads are.
     */
    String nodeStateSummary() {
        StringBuilder out = new StringBuilder();
        for (int id : members.keySet()) {
            out.append("[node ").append(id).append(running(id) ? ": " : ": not running]");
            if (!running(id)) continue;
            try (Connection c = connectQuick(id); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, value FROM sys.metrics WHERE name IN ('raft_term', "
                         + "'raft_is_leader', 'sequencer_leading', 'raft_commit_index', 'raft_applied_index', 'raft_last_index')")) {
                while (rs.next()) out.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
            } catch (SQLException e) {
                out.append("unreachable: ").append(e.getMessage()).append(' ');
            }
            out.append(threadTops(id, "StateMachineUpdater", "tableos-sequencer")).append(']');
        }
        return out.toString();
    }

    /** The top frames of the named threads (name fragments) in the node's last thread dump (printNodeStates writes it). */
    private String threadTops(int id, String... names) {
        Path dump = logDir.resolve("node" + id + "-threads.txt");
        StringBuilder out = new StringBuilder();
        try {
            List<String> lines = Files.exists(dump) ? Files.readAllLines(dump, StandardCharsets.UTF_8) : List.of();
            for (String name : names) {
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).startsWith("\"") || !lines.get(i).contains(name)) continue;
                    out.append(name).append(':');
                    for (int j = i + 1; j < Math.min(lines.size(), i + 5) && !lines.get(j).isBlank(); j++) {
                        out.append(' ').append(lines.get(j).trim());
                    }
                    out.append("; ");
                }
            }
        } catch (IOException e) {
            out.append("no thread dump: ").append(e);
        }
        return out.toString();
    }

    /**
     * Runs each statement on the leader, retrying (with a fresh connection) while leadership
     * settles: right after start or a failover a node may lose leadership between pgJDBC's
     * primary check and the statement (25006), or go away (08xxx).
     */
    public void executeOnLeader(String... statements) throws SQLException, InterruptedException {
        for (String sql : statements) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute(sql);
                    break;
                } catch (SQLException e) {
                    String state = e.getSQLState();
                    boolean settling = state == null || state.startsWith("08") || state.equals("25006");
                    if (!settling || System.nanoTime() > deadline) throw e;
                    System.out.println("retrying on the leader (" + state + "): " + sql);
                    Thread.sleep(50);
                }
            }
        }
    }

    /** One value from a query on node {@code id}. */
    public long queryLong(int id, String sql) throws SQLException {
        try (Connection c = connect(id); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) throw new SQLException("no row from " + sql);
            return rs.getLong(1);
        }
    }

    /** Polls a condition other processes make true; bounded, not a sleep for ordering. */
    public static void eventually(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(20);
        }
    }

    static int freePort() {
        return io.tableos.db.it.ListenPorts.stable();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (int id : new ArrayList<>(processes.keySet())) {
            Process p = processes.get(id);
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(p.pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                // best effort: a paused process still dies from SIGKILL
            }
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
