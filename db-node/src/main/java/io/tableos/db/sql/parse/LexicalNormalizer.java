package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * Rewrites PostgreSQL spellings that JSqlParser misreads into equivalent standard SQL, before
 * parsing: {@code OPERATOR(pg_catalog.~)} becomes {@code ~}; {@code COLLATE pg_catalog.default}
 * (and {@code "default"}) is dropped, since it means the column's own collation; E'...' and
 * U&amp;'...' literals are decoded and re-quoted as standard '...' literals. Text inside other
 * literals, quoted identifiers and comments is never touched. Returns the input instance when
 * nothing changed, so the common case allocates one lexer and no string.
 */
final class LexicalNormalizer {
    private LexicalNormalizer() {}

    static String normalize(String sql) {
        StringBuilder out = null;
        SqlLexer lx = new SqlLexer(sql);
        int copied = 0;
        while (!lx.atEnd()) {
            int at = lx.position();
            char c = sql.charAt(at);
            boolean wordStart = at == 0 || !SqlLexer.isIdentifierChar(sql.charAt(at - 1));
            if (wordStart && (c == 'E' || c == 'e') && at + 1 < sql.length() && sql.charAt(at + 1) == '\'') {
                int end = lx.endOfString(at + 1, true);
                if (out == null) out = new StringBuilder(sql.length());
                out.append(sql, copied, at);
                appendStandardLiteral(out, decodeEscapes(sql, at + 2, end - 1));
                copied = end;
                lx.seek(end);
                continue;
            }
            if (wordStart && (c == 'U' || c == 'u') && sql.startsWith("&'", at + 1)) {
                int end = lx.endOfString(at + 2, false);
                String body = sql.substring(at + 3, end - 1).replace("''", "'");
                char escape = '\\';
                int after = skipBlanks(sql, end);
                if (sql.regionMatches(true, after, "UESCAPE", 0, 7)) {
                    int q = skipBlanks(sql, after + 7);
                    if (q + 2 < sql.length() && sql.charAt(q) == '\'' && sql.charAt(q + 2) == '\'') {
                        escape = sql.charAt(q + 1);
                        end = q + 3;
                    }
                }
                if (out == null) out = new StringBuilder(sql.length());
                out.append(sql, copied, at);
                appendStandardLiteral(out, decodeUnicode(body, escape));
                copied = end;
                lx.seek(end);
                continue;
            }
            if (wordStart && sql.regionMatches(true, at, "OPERATOR", 0, 8)) {
                int open = skipBlanks(sql, at + 8);
                if (open < sql.length() && sql.charAt(open) == '(') {
                    int close = sql.indexOf(')', open);
                    if (close > 0) {
                        String inner = sql.substring(open + 1, close).strip();
                        int dot = inner.lastIndexOf('.');
                        String op = dot >= 0 ? inner.substring(dot + 1).strip() : inner;
                        if (out == null) out = new StringBuilder(sql.length());
                        out.append(sql, copied, at).append(' ').append(op).append(' ');
                        copied = close + 1;
                        lx.seek(close + 1);
                        continue;
                    }
                }
            }
            if (wordStart && sql.regionMatches(true, at, "COLLATE", 0, 7)) {
                int nameStart = skipBlanks(sql, at + 7);
                int nameEnd = defaultCollationEnd(sql, nameStart);
                if (nameEnd > 0) {
                    if (out == null) out = new StringBuilder(sql.length());
                    out.append(sql, copied, at);
                    copied = nameEnd;
                    lx.seek(nameEnd);
                    continue;
                }
            }
            lx.skipToken();
        }
        if (out == null) return sql;
        return out.append(sql, copied, sql.length()).toString();
    }

    /** End of "pg_catalog.default" / "default" / quoted variants at {@code i}, or -1. */
    private static int defaultCollationEnd(String sql, int i) {
        String[] forms = {"pg_catalog.\"default\"", "pg_catalog.default", "\"default\"", "default"};
        for (String f : forms) {
            if (sql.regionMatches(true, i, f, 0, f.length())) {
                int end = i + f.length();
                if (end == sql.length() || !SqlLexer.isIdentifierChar(sql.charAt(end))) return end;
            }
        }
        return -1;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static void appendStandardLiteral(StringBuilder out, String value) {
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') out.append('\'');
            out.append(c);
        }
        out.append('\'');
    }

    /** Decodes an E'' body: \b \f \n \r \t, \ooo octal, \xHH hex, \\uXXXX, \\UXXXXXXXX, '' and \' quotes; any other \c is c. */
    static String decodeEscapes(String s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\'' && i + 1 < to && s.charAt(i + 1) == '\'') {
                out.append('\'');
                i += 2;
                continue;
            }
            if (c != '\\' || i + 1 >= to) {
                out.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    int end = i;
                    while (end < to && end < i + 2 && Character.digit(s.charAt(end), 16) >= 0) end++;
                    if (end == i) out.append('x');
                    else out.append((char) Integer.parseInt(s, i, end, 16));
                    i = end;
                }
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    if (i + digits > to) throw invalidUnicode();
                    int cp;
                    try {
                        cp = Integer.parseInt(s, i, i + digits, 16);
                    } catch (NumberFormatException ex) {
                        throw invalidUnicode();
                    }
                    if (!Character.isValidCodePoint(cp) || cp == 0) throw invalidUnicode();
                    out.appendCodePoint(cp);
                    i += digits;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i - 1;
                        int v = 0;
                        while (end < to && end < i + 2 && s.charAt(end) >= '0' && s.charAt(end) <= '7') v = v * 8 + (s.charAt(end++) - '0');
                        out.append((char) (v & 0xFF));
                        i = end;
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /** U&'' body: {escape}XXXX and {escape}+XXXXXX code points; a doubled escape is the escape itself. */
    static String decodeUnicode(String body, char escape) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != escape) {
                out.append(c);
                i++;
            } else if (i + 1 < body.length() && body.charAt(i + 1) == escape) {
                out.append(escape);
                i += 2;
            } else {
                boolean longForm = i + 1 < body.length() && body.charAt(i + 1) == '+';
                int start = i + (longForm ? 2 : 1);
                int digits = longForm ? 6 : 4;
                if (start + digits > body.length()) throw invalidUnicode();
                try {
                    out.appendCodePoint(Integer.parseInt(body, start, start + digits, 16));
                } catch (IllegalArgumentException e) {
                    throw invalidUnicode();
                }
                i = start + digits;
            }
        }
        return out.toString();
    }

    private static DbException invalidUnicode() {
        return new DbException(SqlState.SYNTAX_ERROR, "invalid Unicode escape value");
    }
}
