package io.tableos.db.sql.exec;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.TextFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one statement as a simple query through a session and renders the outcome as text
 * lines (header, rows, tag, or {@code ERROR sqlstate message}), for tests that compare
 * results. The SQL script files themselves run in sql.engine.SessionScriptTest.
 */
public final class SessionText {
    private SessionText() {}

    /** A ROWS result as lines: the column names, each row ('NULL' for null), and the tag unless a query's. */
    public static void addRows(StatementResult r, List<String> out) {
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
    }

    static List<String> execute(SqlSession session, String sql) {
        List<String> out = new ArrayList<>();
        try {
            PreparedStatement ps = session.prepare(sql, new int[0]);
            StatementResult r = session.execute(ps, new Object[0]);
            if (r.kind() == StatementResult.Kind.ROWS) {
                addRows(r, out);
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
