package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every statement that psql 15, pgJDBC 42.7, pgbench 15 and job-queue code send
 * (pg-client-statements.sql, captured from a PostgreSQL server log) through split + parse,
 * lists each failure with its header, and requires nearly all of them to parse.
 */
class ClientStatementCorpusTest {

    /** Entries of the corpus: header line and statement text. */
    record Entry(String header, String text) {}

    static List<Entry> corpus() throws IOException {
        String all;
        try (InputStream in = ClientStatementCorpusTest.class.getResourceAsStream("/pg-client-statements.sql")) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Entry> out = new ArrayList<>();
        String header = null;
        StringBuilder body = new StringBuilder();
        for (String line : all.split("\n", -1)) {
            if (line.startsWith("-- ==== #")) {
                if (header != null) out.add(new Entry(header, body.toString()));
                header = line;
                body.setLength(0);
            } else if (header != null) {
                body.append(line).append('\n');
            }
        }
        if (header != null) out.add(new Entry(header, body.toString()));
        return out;
    }

    @Test
    void nearlyEveryClientStatementParses() throws IOException {
        List<Entry> entries = corpus();
        assertEquals(181, entries.size());
        int statements = 0;
        List<String> failures = new ArrayList<>();
        for (Entry e : entries) {
            for (String s : StatementSplitter.split(e.text())) {
                statements++;
                try {
                    ParsedStatement p = SqlFrontEnd.parse(s);
                    assertTrue(p instanceof JsqlStatement || p instanceof UtilityStatement);
                } catch (RuntimeException ex) {
                    failures.add(e.header() + "\n    " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                }
            }
        }
        System.out.println("parsed " + (statements - failures.size()) + " of " + statements + " statements");
        failures.forEach(f -> System.out.println("FAILED " + f));
        assertTrue(statements >= 183, "statements: " + statements);
        assertTrue(failures.size() <= 2, "too many failures:\n" + String.join("\n", failures));
    }
}
