package io.tableos.perf.fs;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * mdtest-style metadata rates on one system, then (file systems only) sequential write and
 * read of one large file, and (TableOS only) the "question about the tree" demo.
 * Each of C clients works in a directory of its own: mkdir, then F creates, F stats, a listing
 * of its directory, F renames, F unlinks; a phase's rate is all clients' operations over the
 * phase's wall time (clients start each phase together).
 *
 * <p>Usage: {@code FsBenchmark tableos JDBC_URL|postgres JDBC_URL|ext4 DIR|mount DIR clients files [bigMegabytes]}
 * ({@code mount}: a directory of a FUSE mount of TableOS, driven as the host's file system is);
 * prints {@code key=value} lines for compare.sh (rates in operations/s, bandwidth in MB/s).
 */
public final class FsBenchmark {
    private FsBenchmark() {}

    interface Opener {
        MetadataOps open() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String system = args[0];
        String target = args[1];
        int clients = Integer.parseInt(args[2]);
        int files = Integer.parseInt(args[3]);
        int bigMegabytes = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        String run = "/mdtest-" + clients + "-" + System.nanoTime();
        switch (system) {
            case "tableos" -> {
                try (FileSystem fs = FileSystems.newFileSystem(URI.create("tableos://bench/"),
                        Map.of("url", target, "connections", clients))) {
                    PathOps ops = new PathOps(fs.getPath("/"));
                    mdtest(() -> ops, clients, files, run, true);
                    if (bigMegabytes > 0) sequential(fs.getPath(run + "-big"), bigMegabytes);
                }
            }
            case "ext4", "mount" -> {
                PathOps ops = new PathOps(Path.of(target));
                mdtest(() -> ops, clients, files, run, system.equals("mount"));
                if (bigMegabytes > 0) sequential(Path.of(target, run.substring(1) + "-big"), bigMegabytes);
            }
            case "postgres" -> {
                try (Connection c = DriverManager.getConnection(target)) {
                    if (!tableExists(c)) PostgresSchemaOps.createSchema(c);
                }
                mdtest(() -> new PostgresSchemaOps(DriverManager.getConnection(target)), clients, files, run, false);
                if (bigMegabytes > 0) {
                    try (Connection c = DriverManager.getConnection(target)) {
                        PostgresFileData.sequential(c, run.substring(1) + "-big", bigMegabytes);
                    }
                }
            }
            default -> throw new IllegalArgumentException("system: tableos, postgres, ext4 or mount");
        }
    }

    private static boolean tableExists(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT to_regclass('fs.entries') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    interface Phase {
        void run(MetadataOps ops, String dir, int i) throws Exception;
    }

    private static final String[] PHASES = {"create", "stat", "readdir", "rename", "unlink"};

    /**
     * Unmeasured rounds of every phase first, each in a directory of its own: one round for
     * every system, and for TableOS (NIO and the mount) further rounds until {@code
     * fs.warmupSeconds} (system property, default 30) have passed. A TableOS node and this JVM's
     * client code compile their hot paths during their first tens of seconds of calls, which
     * would otherwise be the measured operations (after one round of 300 files one client
     * created 759 files/s through NIO, after 30 s 1,855/s). PostgreSQL needs no JIT warm-up,
     * and 30 s of rounds left its tables and indexes bloated with dead rows that autovacuum had
     * not yet removed (its one-client creates fell from 1,387/s to 729/s), as compare.sh's
     * pgbench gives its JIT warm-up to TableOS alone.
     */
    static void mdtest(Opener opener, int clients, int files, String run, boolean jitWarmup) throws Exception {
        long warmupEnd = System.nanoTime() + (jitWarmup ? Long.getLong("fs.warmupSeconds", 30) * 1_000_000_000L : 0);
        int round = 0;
        do {
            rates(opener, clients, files, run + "-warmup" + round++);
        } while (System.nanoTime() < warmupEnd);
        double[] rates = rates(opener, clients, files, run);
        for (int p = 0; p < PHASES.length; p++) System.out.printf("%s_per_second=%.0f%n", PHASES[p], rates[p]);
    }

    /** One round of every phase; each phase's operations per second over all clients. */
    private static double[] rates(Opener opener, int clients, int files, String run) throws Exception {
        try (MetadataOps ops = opener.open()) {
            ops.mkdir(run);
        }
        Phase[] bodies = {
            (o, d, i) -> o.create(d + "/f" + i),
            (o, d, i) -> o.stat(d + "/f" + i),
            (o, d, i) -> {
                if (i == 0 && o.list(d) != files) throw new IllegalStateException("listing of " + d + " is short");
            },
            (o, d, i) -> o.rename(d + "/f" + i, d + "/g" + i),
            (o, d, i) -> o.unlink(d + "/g" + i)};
        long[][] nanos = new long[PHASES.length][2];
        CyclicBarrier barrier = new CyclicBarrier(clients, null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            String dir = run + "/c" + k;
            threads.add(new Thread(() -> {
                try (MetadataOps ops = opener.open()) {
                    ops.mkdir(dir);
                    for (int p = 0; p < PHASES.length; p++) {
                        barrier.await();
                        synchronized (nanos) {
                            if (nanos[p][0] == 0) nanos[p][0] = System.nanoTime();
                        }
                        for (int i = 0; i < files; i++) bodies[p].run(ops, dir, i);
                        synchronized (nanos) {
                            nanos[p][1] = Math.max(nanos[p][1], System.nanoTime());
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    barrier.reset();
                }
            }));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new IllegalStateException("a client failed", failure.get());
        double[] rates = new double[PHASES.length];
        for (int p = 0; p < PHASES.length; p++) {
            double seconds = (nanos[p][1] - nanos[p][0]) / 1e9;
            long ops = (long) clients * files;  // readdir: the entries listed
            rates[p] = ops / seconds;
        }
        return rates;
    }

    /** Writes then reads one file of {@code megabytes} MiB in 1 MiB pieces; MB/s each way. */
    static void sequential(Path file, int megabytes) throws Exception {
        byte[] buffer = pattern(1 << 20);
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) out.write(buffer);
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) read += n;
        }
        double readSeconds = (System.nanoTime() - start) / 1e9;
        if (read != (long) megabytes << 20) throw new IllegalStateException("read " + read + " bytes of " + ((long) megabytes << 20));
        Files.delete(file);
        printBandwidth(megabytes, writeSeconds, readSeconds);
    }

    /** Bytes that do not compress to nothing. */
    static byte[] pattern(int bytes) {
        byte[] buffer = new byte[bytes];
        for (int i = 0; i < buffer.length; i++) buffer[i] = (byte) (i * 7);
        return buffer;
    }

    /** The key=value lines compare.sh reads: MB/s (10^6 bytes) for {@code megabytes} MiB each way. */
    static void printBandwidth(int megabytes, double writeSeconds, double readSeconds) {
        System.out.printf("seq_write_mb_per_second=%.1f%n", megabytes * 1.048576 / writeSeconds);
        System.out.printf("seq_read_mb_per_second=%.1f%n", megabytes * 1.048576 / readSeconds);
    }
}
