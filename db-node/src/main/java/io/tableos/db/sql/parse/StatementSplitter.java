package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple-query string into statements at top-level semicolons, as psql and the
 * PostgreSQL server do: semicolons inside '...', E'...' (backslash escapes), "...",
 * $tag$...$tag$, -- comments and nested /* *&#47; comments do not split. Each statement is
 * returned trimmed; empty statements are dropped. At most {@link #STATEMENTS_MAX} statements.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    /** Limit on statements in one query string, so a client cannot make us build an unbounded list. */
    public static final int STATEMENTS_MAX = 100_000;

    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>(2);
        SqlLexer lx = new SqlLexer(sql);
        int start = 0;
        while (!lx.atEnd()) {
            char c = sql.charAt(lx.position());
            if (c == ';') {
                add(out, sql, start, lx.position());
                lx.advance(1);
                start = lx.position();
            } else {
                lx.skipToken();
            }
        }
        add(out, sql, start, sql.length());
        return out;
    }

    private static void add(List<String> out, String sql, int from, int to) {
        String s = sql.substring(from, to).strip();
        if (s.isEmpty() || SqlLexer.onlyComments(s)) return;
        if (out.size() == STATEMENTS_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many statements in one query string (max " + STATEMENTS_MAX + ")");
        }
        out.add(s);
    }
}
