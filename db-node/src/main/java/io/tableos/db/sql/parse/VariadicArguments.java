package io.tableos.db.sql.parse;

import java.util.Locale;

/**
 * PostgreSQL's {@code f(a, VARIADIC array)} (an array passed whole to a VARIADIC parameter), which
 * JSqlParser misreads: rewritten before parsing to {@code f(a, tableos_variadic(array))}, a call of
 * the marker function {@link #MARKER} that routine resolution unwraps (sql.plan's RoutineResolution).
 * Only {@code VARIADIC} right after an argument list's {@code (} or {@code ,} is rewritten; text in
 * literals, quoted identifiers and comments is never touched. Returns the input instance when the
 * word does not occur, so most statements cost one case-insensitive search.
 */
public final class VariadicArguments {
    private VariadicArguments() {}

    /** The marker function's name; no built-in function has it. */
    public static final String MARKER = "tableos_variadic";

    private static final String WORD = "variadic";

    static String mark(String sql) {
        if (!sql.toLowerCase(Locale.ROOT).contains(WORD)) return sql;
        StringBuilder out = null;
        SqlLexer lx = new SqlLexer(sql);
        int copied = 0;
        while (!lx.atEnd()) {
            int at = lx.position();
            if (isVariadicWord(sql, at) && opensArgument(sql, at)) {
                int end = argumentEnd(sql, at + WORD.length());
                if (out == null) out = new StringBuilder(sql.length() + MARKER.length() + 2);
                out.append(sql, copied, at).append(MARKER).append('(').append(sql, at + WORD.length(), end).append(')');
                copied = end;
                lx.seek(end);
                continue;
            }
            lx.skipToken();
        }
        return out == null ? sql : out.append(sql, copied, sql.length()).toString();
    }

    private static boolean isVariadicWord(String sql, int at) {
        int end = at + WORD.length();
        return (at == 0 || !SqlLexer.isIdentifierChar(sql.charAt(at - 1))) && sql.regionMatches(true, at, WORD, 0, WORD.length())
                && (end == sql.length() || !SqlLexer.isIdentifierChar(sql.charAt(end)));
    }

    /** Whether the last non-blank character before {@code at} is {@code (} or {@code ,}. */
    private static boolean opensArgument(String sql, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) i--;
        return i >= 0 && (sql.charAt(i) == '(' || sql.charAt(i) == ',');
    }

    /** Where the argument starting at {@code from} ends: its list's next top-level {@code ,} or {@code )}, or the text's end. */
    private static int argumentEnd(String sql, int from) {
        SqlLexer lx = new SqlLexer(sql);
        lx.seek(from);
        int depth = 0;
        while (!lx.atEnd()) {
            char c = sql.charAt(lx.position());
            if (depth == 0 && (c == ',' || c == ')')) return lx.position();
            if (c == '(' || c == '[') depth++;
            if (c == ')' || c == ']') depth--;
            lx.skipToken();
        }
        return sql.length();
    }
}
