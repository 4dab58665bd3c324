package io.tableos.db.it.oracle;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs one psql command against a {@link Database} (its JDBC URL turned into libpq settings) and returns what psql printed. */
final class Psql {
    private static final long TIMEOUT_SECONDS = 60;

    private Psql() {}

    /** psql's output for {@code command}, each line without trailing blanks (psql pads header cells). */
    static String printed(Database db, String command) throws IOException, InterruptedException {
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-c", command).redirectErrorStream(true);
        builder.environment().put("PGHOST", uri.getHost());
        builder.environment().put("PGPORT", String.valueOf(uri.getPort()));
        builder.environment().put("PGDATABASE", uri.getPath().substring(1));
        for (String parameter : uri.getQuery().split("&")) {
            String[] kv = parameter.split("=", 2);
            if (kv[0].equals("user")) builder.environment().put("PGUSER", kv[1]);
            if (kv[0].equals("password")) builder.environment().put("PGPASSWORD", kv[1]);
        }
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("psql did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IllegalStateException("psql failed: " + text);
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }
}
