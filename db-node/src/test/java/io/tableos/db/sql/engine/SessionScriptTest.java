package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.tableos.db.sql.exec.SessionText;
import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the SQL scripts under {@code src/test/resources/sql/} and {@code sql/session/} through
 * {@link SqlSessionImpl} on a real single-node engine (H2-style script tests). Format, shared
 * with the executor's harness scripts: statements end with {@code ;} at the end of a line;
 * the expected outcome follows on lines starting with {@code >}: a command tag
 * ({@code > INSERT 0 1}), a result (header {@code > a | b}, then one line per row, NULL as
 * {@code NULL}; a non-SELECT tag after the rows), or {@code > ERROR 23505} optionally
 * followed by the start of the message. A statement without expectations must succeed. Each
 * statement is one simple query (its implicit transaction ends after it). For COPY FROM
 * STDIN, the lines after the statement up to a line {@code \.} are the data sent. A notice is
 * expected with {@code > NOTICE text} before the tag.
 */
class SessionScriptTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("/sql", "/sql/session")) {
            var url = getClass().getResource(folder);
            if (url == null) continue;
            try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
                files.addAll(s.filter(p -> p.toString().endsWith(".sql")).sorted().toList());
            }
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(), () -> run(f)));
    }

    record Step(String sql, List<String> expected, int line, String copyData) {}

    static List<Step> parse(List<String> lines) {
        List<Step> steps = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(">")) {
                steps.get(steps.size() - 1).expected().add(line.length() > 1 ? line.substring(line.charAt(1) == ' ' ? 2 : 1) : "");
                continue;
            }
            if (sql.length() == 0 && (line.isBlank() || line.startsWith("--"))) continue;
            if (sql.length() == 0) startLine = i + 1;
            sql.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String text = sql.toString().strip();
                text = text.substring(0, text.length() - 1);
                String copyData = null;
                if (text.toLowerCase().startsWith("copy") && text.toLowerCase().contains("from stdin")) {
                    StringBuilder data = new StringBuilder();
                    while (++i < lines.size() && !lines.get(i).equals("\\.")) data.append(lines.get(i)).append('\n');
                    copyData = data.toString();
                }
                steps.add(new Step(text, new ArrayList<>(), startLine, copyData));
                sql.setLength(0);
            }
        }
        return steps;
    }

    private void run(Path file) throws Exception {
        List<Step> steps = parse(Files.readAllLines(file));
        try (EngineFixture fixture = new EngineFixture(dir.resolve(file.getFileName().toString()));
             SqlSessionImpl session = fixture.session()) {
            List<String> failures = new ArrayList<>();
            for (Step step : steps) {
                List<String> actual = execute(session, step);
                if (step.expected().isEmpty()) {
                    if (!actual.isEmpty() && actual.get(0).startsWith("ERROR")) {
                        failures.add(file.getFileName() + ":" + step.line() + " " + step.sql() + "\n  got: " + actual);
                    }
                    continue;
                }
                if (step.expected().size() == 1 && step.expected().get(0).startsWith("ERROR") && !actual.isEmpty()
                        && actual.get(0).startsWith(step.expected().get(0))) {
                    continue;
                }
                List<String> got = actual;
                if (step.expected().stream().noneMatch(x -> x.startsWith("NOTICE"))) got = got.stream().filter(x -> !x.startsWith("NOTICE")).toList();
                if (!step.expected().equals(got)) {
                    failures.add(file.getFileName() + ":" + step.line() + " " + step.sql() + "\n  expected: " + step.expected() + "\n  got:      " + got);
                }
            }
            if (!failures.isEmpty()) fail(failures.size() + " failing statements:\n" + String.join("\n", failures));
        }
    }

    static List<String> execute(SqlSessionImpl session, Step step) {
        List<String> out = new ArrayList<>();
        try {
            PreparedStatement ps = session.prepare(step.sql(), new int[0]);
            StatementResult r = session.execute(ps, new Object[0]);
            if (r.notice() != null) out.add("NOTICE " + r.notice());
            if (r.kind() == StatementResult.Kind.ROWS) {
                SessionText.addRows(r, out);
            } else if (r.kind() == StatementResult.Kind.COPY_IN) {
                CopyIn in = r.copyIn();
                byte[] data = (step.copyData() == null ? "" : step.copyData()).getBytes(StandardCharsets.UTF_8);
                // Split the data at an awkward place to exercise the streaming parser.
                int cut = data.length / 3;
                in.data(data, 0, cut);
                in.data(data, cut, data.length - cut);
                out.add(in.done());
            } else if (r.kind() == StatementResult.Kind.COPY_OUT) {
                r.fetch(row -> {
                    String line = new String((byte[]) row[0], StandardCharsets.UTF_8);
                    out.add(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
                }, 0);
                out.add(r.commandTag());
            } else {
                out.add(r.commandTag());
            }
            r.close();
            session.endImplicitTransaction(true);
        } catch (DbException e) {
            out.clear();
            out.add("ERROR " + e.sqlState() + " " + e.getMessage());
            session.endImplicitTransaction(false);
        }
        return out;
    }
}
