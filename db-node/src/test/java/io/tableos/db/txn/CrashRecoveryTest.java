package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the whole commit path (Ratis log, snapshots, ChronicleStorage, recovery):
 * a {@link CrashWorker} JVM commits numbered rows and is killed with SIGKILL at a seeded
 * random moment, then restarted on the same directory, {@value #CYCLES} times. After every
 * restart: each acknowledged id is present, and nothing is present that was never attempted.
 * A low snapshot trigger makes restarts go through snapshot loading as well as log replay.
 */
class CrashRecoveryTest {
    static final int CYCLES = 20;
    static final long SEED = Long.getLong("tableos.crash.seed", 20260731L);

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveSigkill() throws Exception {
        Random random = new Random(SEED);
        Set<Long> acknowledged = new HashSet<>();
        Set<Long> attempted = new HashSet<>();
        long nextId = 1;
        int port = TestCluster.freePort();
        long started = System.nanoTime();
        List<Long> startupMillis = new ArrayList<>();
        for (int cycle = 0; cycle <= CYCLES; cycle++) {
            long cycleStart = System.nanoTime();
            Process worker = start(port, nextId, 50);
            BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            Set<Long> present = new TreeSet<>();
            String line;
            while ((line = lines.readLine()) != null && !line.equals("READY")) {
                if (line.startsWith("P ")) present.add(Long.parseLong(line.substring(2)));
            }
            assertEquals("READY", line, "worker started (cycle " + cycle + ", seed " + SEED + ")");
            startupMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cycleStart));
            for (long id : acknowledged) assertTrue(present.contains(id), "acknowledged id " + id + " lost in cycle " + cycle);
            for (long id : present) assertTrue(attempted.contains(id), "id " + id + " present but never attempted");
            if (cycle == CYCLES) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                break;
            }
            long killAfterNanos = TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(300));
            long deadline = System.nanoTime() + killAfterNanos;
            List<String> seen = new ArrayList<>();
            // Read acknowledgements until the kill moment; the worker never blocks on a full pipe for long.
            Thread pump = new Thread(() -> {
                try {
                    for (String l; (l = lines.readLine()) != null; ) {
                        synchronized (seen) {
                            seen.add(l);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the worker died
                }
            });
            pump.start();
            while (System.nanoTime() < deadline) Thread.sleep(5); // the crash moment itself, not synchronisation
            // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the
            // worker's stdout, dropping "A id" lines still in the pipe (an id would then look
            // present but never attempted).
            worker.toHandle().destroyForcibly();
            worker.waitFor(10, TimeUnit.SECONDS);
            pump.join(10_000);
            synchronized (seen) {
                for (String l : seen) {
                    long id = Long.parseLong(l.substring(2));
                    if (l.startsWith("A ")) attempted.add(id);
                    else if (l.startsWith("K ")) acknowledged.add(id);
                    nextId = Math.max(nextId, id + 1);
                }
            }
        }
        assertTrue(acknowledged.size() > CYCLES, "some commits acknowledged: " + acknowledged.size());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.println("crash test: " + CYCLES + " kills, " + acknowledged.size() + " acknowledged, "
                + attempted.size() + " attempted, " + seconds + " s; startup ms " + startupMillis);
    }

    private Process start(int port, long firstId, long snapshotEvery) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) command.add(arg);
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                dir.resolve("node").toString(), Integer.toString(port), Long.toString(firstId),
                Long.toString(snapshotEvery)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
