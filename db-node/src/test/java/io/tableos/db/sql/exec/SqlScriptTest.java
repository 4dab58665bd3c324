package io.tableos.db.sql.exec;

import static org.junit.jupiter.api.Assertions.fail;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.TextFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the SQL scripts under {@code src/test/resources/sql/} through the engine (sql.engine.SqlSessionImpl),
 * as H2's script tests do. A script is statements, each ending with {@code ;} at the end of
 * a line, each followed by its expected outcome on lines starting with {@code >}:
 * a command tag ({@code > INSERT 0 1}), a result (header {@code > a | b}, then one line per
 * row, NULL as {@code NULL}), or {@code > ERROR 23505} optionally followed by the start of
 * the message. A statement without expectation lines must just succeed. Each statement is
 * its own simple query: the implicit transaction ends after it. One node per script.
 */
class SqlScriptTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/sql").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private record Step(String sql, List<String> expected, int line) {}

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
                steps.add(new Step(text.substring(0, text.length() - 1), new ArrayList<>(), startLine));
                sql.setLength(0);
            }
        }
        return steps;
    }

    private void run(Path file) throws Exception {
        List<Step> steps = parse(Files.readAllLines(file));
        try (EngineFixture fixture = new EngineFixture(dir.resolve(file.getFileName().toString())); SqlSession session = fixture.session()) {
            List<String> failures = new ArrayList<>();
            for (Step step : steps) {
                List<String> actual = execute(session, step.sql());
                if (step.expected().isEmpty()) {
                    if (!actual.isEmpty() && actual.get(0).startsWith("ERROR")) failures.add(file.getFileName() + ":" + step.line() + " " + step.sql() + "\n  got: " + actual);
                    continue;
                }
                List<String> got = actual;
                if (step.expected().size() == 1 && step.expected().get(0).startsWith("ERROR") && !got.isEmpty() && got.get(0).startsWith("ERROR")) {
                    String want = step.expected().get(0);
                    if (got.get(0).startsWith(want)) continue;
                }
                if (!step.expected().equals(got)) {
                    failures.add(file.getFileName() + ":" + step.line() + " " + step.sql() + "\n  expected: " + step.expected() + "\n  got:      " + got);
                }
            }
            if (!failures.isEmpty()) fail(failures.size() + " failing statements:\n" + String.join("\n", failures));
        }
    }

    static List<String> execute(SqlSession session, String sql) {
        List<String> out = new ArrayList<>();
        try {
            PreparedStatement ps = session.prepare(sql, new int[0]);
            StatementResult r = session.execute(ps, new Object[0]);
            if (r.kind() == StatementResult.Kind.ROWS) {
                List<ResultColumn> cols = r.columns();
                out.add(String.join(" | ", cols.stream().map(ResultColumn::name).toList()));
                r.fetch(row -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < cols.size(); i++) {
                        String s = TextFormat.format(row[i], cols.get(i).type());
                        values.add(s == null ? "NULL" : s);
                    }
                    out.add(String.join(" | ", values));
                }, 0);
                String tag = r.commandTag();
                if (!tag.startsWith("SELECT") && !tag.equals("SHOW") && !tag.equals("EXPLAIN")) out.add(tag);
            } else {
                out.add(r.commandTag());
            }
            session.endImplicitTransaction(true);
        } catch (DbException e) {
            out.clear();
            out.add("ERROR " + e.sqlState() + " " + e.getMessage());
            session.endImplicitTransaction(false);
        }
        return out;
    }
}
