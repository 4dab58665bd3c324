package io.tableos.db.it.oracle;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 server, the oracle of the differential tests: {@code initdb} into a
 * fresh directory, {@code pg_ctl start -w} on a free loopback port, trust authentication, and
 * {@code pg_ctl stop -m immediate} plus deletion of the directory on close.
 *
 * <p>PostgreSQL refuses to run as root; as root (CI, the developers' machines) its commands run
 * as the {@code postgres} user the Debian package creates. The binaries are found under
 * {@code /usr/lib/postgresql/N/bin} (the newest N), as {@code scripts/setup.sh test} installs
 * them; when they are missing, {@link #start()} fails with the package to install.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";

    private final Path dir;
    private final Path bin;
    private final int port;
    private boolean running;

    private PostgresServer(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("tableos-pg-oracle");
        PostgresServer server = new PostgresServer(dir, bin, freePort());
        try {
            server.initAndStart();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + root
                    + ": install the Debian package postgresql (scripts/setup.sh test does)", e);
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        if (runningAsRoot()) run(List.of("chown", "-R", USER, dir.toString()));
        run(asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                "--no-sync", "-E", "UTF8", "--locale=C"));
        // fsync stays on: isolation and crash behaviour are what the tests compare, and the
        // oracle should be the server users run. Small shared buffers keep 2-core CI light.
        String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=''"
                + " -c shared_buffers=32MB -c max_connections=200 -c max_prepared_transactions=10";
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", options, "start"));
        running = true;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            if (running) run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            // best effort: the directory goes below either way
        } finally {
            running = false;
            deleteTree(dir);
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) full.addAll(List.of("runuser", "-u", USER, "--"));
        full.addAll(List.of(command));
        return full;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
            throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + output + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
