package io.tableos.db.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY FROM STDIN and TO STDOUT through a session: data fed in chunks split at every
 * byte position, text escapes, CSV quoting, NULLs, defaults for unlisted columns, and the
 * row format handed to the wire layer (one {@code byte[]} line per row).
 */
class CopyTest {
    @TempDir
    Path dir;

    @Test
    void copyInAndOutRoundTrip() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            SessionText.execute(s, "CREATE TABLE c (id int PRIMARY KEY, name text, note text DEFAULT 'd', n numeric)");
            String text = "1\tann\tx\t1.5\n2\ttab\\there\t\\N\t2\n3\tline\\nbreak\ty\t\\N\n\\.\n";
            copyIn(s, "COPY c FROM STDIN", text, 1);
            String csv = "id,name,n\n4,\"a,b\",4\n5,\"say \"\"hi\"\"\",\n";
            copyIn(s, "COPY c (id, name, n) FROM STDIN WITH (FORMAT csv, HEADER)", csv, 7);
            assertEquals(List.of("id | name | note | n", "1 | ann | x | 1.5", "2 | tab\there | NULL | 2", "3 | line\nbreak | y | NULL",
                    "4 | a,b | d | 4", "5 | say \"hi\" | d | NULL"), SessionText.execute(s, "SELECT * FROM c ORDER BY id"));
            assertEquals("id\tname\tnote\tn\n1\tann\tx\t1.5\n2\ttab\\there\t\\N\t2\n3\tline\\nbreak\ty\t\\N\n4\ta,b\td\t4\n5\tsay \"hi\"\td\t\\N\n",
                    copyOut(s, "COPY c TO STDOUT WITH (FORMAT text, HEADER)"));
            assertEquals("4,\"a,b\"\n5,\"say \"\"hi\"\"\"\n", copyOut(s, "COPY (SELECT id, name FROM c WHERE id > 3 ORDER BY id) TO STDOUT WITH (FORMAT csv)"));
        }
    }

    @Test
    void badRowFailsWithLine() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            SessionText.execute(s, "CREATE TABLE d (id int PRIMARY KEY, v int)");
            StatementResult r = s.execute(s.prepare("COPY d FROM STDIN", new int[0]), new Object[0]);
            CopyIn in = r.copyIn();
            byte[] data = "1\t2\nx\t3\n".getBytes(StandardCharsets.UTF_8);
            DbException e = assertThrows(DbException.class, () -> in.data(data, 0, data.length));
            assertEquals("22P02", e.sqlState());
            s.endImplicitTransaction(false);
            assertEquals(List.of("count", "0"), SessionText.execute(s, "SELECT count(*) FROM d"));
        }
    }

    private static void copyIn(SqlSession s, String sql, String data, int chunk) {
        StatementResult r = s.execute(s.prepare(sql, new int[0]), new Object[0]);
        assertEquals(StatementResult.Kind.COPY_IN, r.kind());
        CopyIn in = r.copyIn();
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) in.data(bytes, i, Math.min(chunk, bytes.length - i));
        String tag = in.done();
        s.endImplicitTransaction(true);
        assertEquals(expectedTag(data), tag, sql);
    }

    /** Data rows: lines minus a header and the end marker. */
    private static String expectedTag(String data) {
        long lines = data.chars().filter(ch -> ch == '\n').count();
        if (data.startsWith("id,")) lines--;
        if (data.contains("\\.\n")) lines--;
        return "COPY " + lines;
    }

    private static String copyOut(SqlSession s, String sql) {
        StatementResult r = s.execute(s.prepare(sql, new int[0]), new Object[0]);
        assertEquals(StatementResult.Kind.COPY_OUT, r.kind());
        StringBuilder sb = new StringBuilder();
        List<byte[]> lines = new ArrayList<>();
        r.fetch(row -> lines.add((byte[]) row[0]), 0);
        for (byte[] l : lines) sb.append(new String(l, StandardCharsets.UTF_8));
        s.endImplicitTransaction(true);
        return sb.toString();
    }
}
