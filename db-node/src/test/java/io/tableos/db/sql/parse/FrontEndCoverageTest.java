package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The front end's coverage of the reference corpora (what psql, pgJDBC, pgbench, DBOS Transact's
 * migrations and ten Java libraries send; kept in src/test/resources/reference/): the share of
 * statements that split + parse, and the parse time per statement, printed per corpus as the
 * figures for the front-end decision of issue 12. Coverage has a floor; time is printed only
 * (it is a measurement on a shared machine, not a property to assert).
 */
class FrontEndCoverageTest {
    /** Parses per statement after warm-up, for the median and 90th percentile. */
    private static final int TIMED_ROUNDS = 30;

    record Coverage(String corpus, int statements, int parsed, List<String> failures, double medianMicros, double p90Micros) {}

    @Test
    void referenceCorporaParse() throws IOException {
        List<String> clientStatements = new ArrayList<>();
        for (ClientStatementCorpusTest.Entry e : ClientStatementCorpusTest.corpus()) clientStatements.addAll(StatementSplitter.split(e.text()));
        List<Coverage> all = List.of(measure("pg-client-statements.sql", clientStatements),
                measure("dbos-transact-migrations.sql", StatementSplitter.split(read("/reference/dbos-transact-migrations.sql"))),
                measure("java-library-failures.sql", oneStatementPerLine(read("/reference/java-library-failures.sql"))));
        int statements = 0, parsed = 0;
        for (Coverage c : all) {
            statements += c.statements();
            parsed += c.parsed();
            System.out.printf("front end coverage %-40s %4d / %4d parse (%.1f%%); parse time per statement: median %.1f us, p90 %.1f us%n",
                    c.corpus(), c.parsed(), c.statements(), 100.0 * c.parsed() / c.statements(), c.medianMicros(), c.p90Micros());
            c.failures().forEach(f -> System.out.println("    not parsed: " + f));
        }
        System.out.printf("front end coverage total %d / %d (%.1f%%)%n", parsed, statements, 100.0 * parsed / statements);
        assertTrue(parsed >= statements - 8, "coverage fell: " + parsed + " of " + statements);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = FrontEndCoverageTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * java-library-failures.sql holds each statement on one line after its comment line; some
     * were cut at capture ("...(4534 chars)") and keep an open quote, so the file is not split as SQL.
     */
    private static List<String> oneStatementPerLine(String text) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
    }

    private static Coverage measure(String corpus, List<String> statements) {
        String resource = corpus;
        List<String> parsedStatements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String s : statements) {
            try {
                SqlFrontEnd.parse(s);
                parsedStatements.add(s);
            } catch (RuntimeException e) {
                failures.add(firstLine(s) + "  -> " + e.getMessage());
            }
        }
        double[] micros = new double[parsedStatements.size()];
        for (int i = 0; i < micros.length; i++) {
            String s = parsedStatements.get(i);
            for (int w = 0; w < 5; w++) SqlFrontEnd.parse(s);
            long[] nanos = new long[TIMED_ROUNDS];
            for (int r = 0; r < TIMED_ROUNDS; r++) {
                long start = System.nanoTime();
                SqlFrontEnd.parse(s);
                nanos[r] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            micros[i] = nanos[TIMED_ROUNDS / 2] / 1000.0;
        }
        Arrays.sort(micros);
        double median = micros.length == 0 ? 0 : micros[micros.length / 2];
        double p90 = micros.length == 0 ? 0 : micros[(int) Math.min(micros.length - 1, Math.floor(micros.length * 0.9))];
        return new Coverage(resource, statements.size(), parsedStatements.size(), failures, median, p90);
    }

    private static String firstLine(String s) {
        String line = s.lines().filter(l -> !l.isBlank() && !l.startsWith("--")).findFirst().orElse(s).strip();
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }
}
