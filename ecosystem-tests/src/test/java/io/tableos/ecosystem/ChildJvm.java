package io.tableos.ecosystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of a clustered library in a JVM of its own, as it runs in production: some
 * libraries (Quartz) keep one scheduler per name in a JVM-wide registry, so two cluster members
 * cannot share a process. The child runs a main class from this test class path, prints
 * {@value #READY} once it is running, and stops cleanly when its standard input closes.
 */
final class ChildJvm implements AutoCloseable {
    static final String READY = "CHILD-READY";
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long EXIT_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final StringBuffer output = new StringBuffer();

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with {@code args} and returns once it printed {@value #READY}. */
    static ChildJvm start(Class<?> mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> child.readOutput(ready), "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            child.process.destroyForcibly();
            throw new IllegalStateException("child " + mainClass.getSimpleName() + " did not start:\n" + child.output, e);
        }
        return child;
    }

    private void readOutput(CompletableFuture<Void> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals(READY)) ready.complete(null);
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IOException("child exited before it was ready"));
    }

    /** Closes the child's standard input (its signal to stop) and waits for it to exit 0. */
    void stop() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child did not stop:\n" + output);
        }
        if (process.exitValue() != 0) throw new IllegalStateException("child exited " + process.exitValue() + ":\n" + output);
    }

    /** Blocks the child's main thread until the parent closes standard input. */
    static void awaitStopSignal() throws IOException {
        while (System.in.read() >= 0) {
            // nothing is sent; end of input is the signal
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
