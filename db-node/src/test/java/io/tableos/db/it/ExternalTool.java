package io.tableos.db.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a PostgreSQL client program (psql, pgbench) against a test node and captures its output. */
final class ExternalTool {
    record Result(int exitCode, String output) {}

    private ExternalTool() {}

    static Result run(TestNode node, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        String[] hostPort = node.sqlAddress().split(":");
        List<String> argv = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PGHOST", hostPort[0]);
        env.put("PGPORT", hostPort[1]);
        env.put("PGUSER", TestNode.USER);
        env.put("PGPASSWORD", TestNode.PASSWORD);
        env.put("PGDATABASE", "tableos");
        env.put("PGCONNECT_TIMEOUT", "10");
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
