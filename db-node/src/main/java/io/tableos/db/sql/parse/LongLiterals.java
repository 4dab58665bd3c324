package io.tableos.db.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Takes long string literals out of a DML statement before JSqlParser sees it, leaving a short
 * marker literal in their place; the planner puts the text back ({@link #resolve}). JSqlParser
 * needs about 30 bytes of heap per character of a token (a 32 Mi-character literal did not
 * parse in 1 GB), and a simple-protocol client such as pgJDBC sends every value inline: a
 * 64 MiB bytea is a 128 Mi-character hex literal.
 *
 * <p>Only statements whose values become data (INSERT, UPDATE, DELETE, MERGE, SELECT, WITH,
 * VALUES) are rewritten; DDL keeps its literals, since it may store expression text (defaults,
 * checks). A literal that itself begins with the marker prefix is always taken out, so user
 * text can never be mistaken for a marker.
 */
public final class LongLiterals {
    private LongLiterals() {}

    /** Literals longer than this many characters (quotes included) are taken out. */
    static final int EXTRACTED_CHARS_MIN = 4096;
    static final String MARKER_PREFIX = "\u0001tableos-literal-";
    private static final Set<String> DATA_STATEMENTS = Set.of("insert", "update", "delete", "merge", "select", "with", "values");

    /** The text JSqlParser parses and the bodies (as written, '' still doubled) of the literals taken out, by marker number. */
    record Extracted(String text, List<String> literals) {}

    static Extracted extract(String sql, String firstWord) {
        if (sql.length() < EXTRACTED_CHARS_MIN || !DATA_STATEMENTS.contains(firstWord.toLowerCase(Locale.ROOT))) {
            return new Extracted(sql, List.of());
        }
        StringBuilder out = null;
        List<String> literals = new ArrayList<>();
        SqlLexer lx = new SqlLexer(sql);
        int copied = 0;
        while (!lx.atEnd()) {
            int at = lx.position();
            lx.skipToken();
            int end = lx.position();
            if (sql.charAt(at) != '\'' || end - at < 2 || sql.charAt(end - 1) != '\'') continue;
            boolean markerLike = sql.startsWith(MARKER_PREFIX, at + 1);
            if (end - at <= EXTRACTED_CHARS_MIN && !markerLike) continue;
            if (out == null) out = new StringBuilder(Math.min(sql.length(), 1 << 16));
            out.append(sql, copied, at).append('\'').append(MARKER_PREFIX).append(literals.size()).append('\'');
            literals.add(sql.substring(at + 1, end - 1));
            copied = end;
        }
        if (out == null) return new Extracted(sql, List.of());
        out.append(sql, copied, sql.length());
        return new Extracted(out.toString(), List.copyOf(literals));
    }

    /** The literal body a marker stands for, or {@code body} itself when it is no marker. */
    public static String resolve(String body, List<String> literals) {
        if (literals.isEmpty() || !body.startsWith(MARKER_PREFIX)) return body;
        int index = Integer.parseInt(body.substring(MARKER_PREFIX.length()));
        return literals.get(index);
    }
}
