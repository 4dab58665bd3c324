package io.tableos.db.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Quotes words JSqlParser reserves but PostgreSQL lets name columns and tables ({@code output},
 * {@code prior}, {@code current}, {@code between}, {@code int}, ...), so that the retry of a
 * statement JSqlParser rejected parses. A quoted lower-case word names what the bare word names
 * in PostgreSQL (which folds bare words to lower case), so meaning never changes.
 *
 * <p>Two kinds of word. Those PostgreSQL never uses as key words are quoted wherever they
 * appear bare (not after {@code ::}, where a type name stands). Those PostgreSQL also uses as
 * key words ({@code x BETWEEN a AND b}, {@code EXISTS (...)}, {@code CURRENT ROW}, {@code SET},
 * type names) are quoted only where nothing but a name can stand: after a dot; or after a comma,
 * an opening parenthesis or a clause word (SELECT, WHERE, BY, ...) when a comma, a closing
 * parenthesis, an operator, a clause word or (in a column definition) a type name follows.
 * Literals, quoted identifiers and comments are never touched.
 */
final class KeywordQuoting {
    private KeywordQuoting() {}

    /** JSqlParser key words that are no key words in PostgreSQL 15. */
    private static final Set<String> NEVER_KEYWORDS = Set.of(
            "absent", "connect_by_root", "distinctrow", "errors", "excludes", "extend", "fbv", "file", "final",
            "includes", "minus", "nocycle", "output", "pivot", "preferring", "prewhere", "qualify", "sample", "script",
            "semi", "settings", "sql_cache", "sql_calc_found_rows", "sql_no_cache", "unpivot", "use", "verify", "xor");

    /** Non-reserved PostgreSQL key words that JSqlParser rejects as names somewhere. */
    private static final Set<String> CONTEXT_KEYWORDS = Set.of(
            "between", "csv", "current", "exclude", "exists", "fetch", "force", "import", "prior", "returns", "set", "statement",
            "unbounded", "unknown", "xmlserialize", "bigint", "decimal", "double", "enum", "float", "int", "integer",
            "nchar", "numeric", "precision", "real", "smallint", "varchar", "varying");

    /** Context key words that are (parts of) type names: never quoted after AS, where CAST puts a type. */
    private static final Set<String> TYPE_WORDS = Set.of(
            "bigint", "decimal", "double", "enum", "float", "int", "integer", "nchar", "numeric", "precision", "real",
            "smallint", "varchar", "varying");

    /** Words after which a name may start a list item or an operand. */
    private static final Set<String> NAME_LEADERS = Set.of(
            "select", "where", "by", "set", "and", "or", "on", "returning", "distinct", "column", "when", "then", "else",
            "having", "into", "from", "table", "update", "join");

    /** Words that may follow a name in an expression or a list. */
    private static final Set<String> NAME_FOLLOWERS = Set.of(
            "from", "as", "asc", "desc", "nulls", "is", "and", "or", "then", "when", "else", "end", "order", "group",
            "limit", "offset", "where", "in", "like", "ilike", "not", "to", "having", "returning", "using", "on");

    /** The text with such words quoted, or the same instance when there was none. */
    static String quote(String sql) {
        List<int[]> tokens = tokens(sql);
        StringBuilder out = null;
        int copied = 0;
        for (int t = 0; t < tokens.size(); t++) {
            int[] token = tokens.get(t);
            if (!isWord(sql, token)) continue;
            String word = sql.substring(token[0], token[1]).toLowerCase(Locale.ROOT);
            String previous = t > 0 ? text(sql, tokens.get(t - 1)) : "";
            String next = t + 1 < tokens.size() ? text(sql, tokens.get(t + 1)) : "";
            if (previous.equals("::") || previous.equals(":")) continue;
            boolean nextIsWord = t + 1 < tokens.size() && isWord(sql, tokens.get(t + 1));
            boolean name = NEVER_KEYWORDS.contains(word)
                    || CONTEXT_KEYWORDS.contains(word) && inNamePosition(previous, next, nextIsWord)
                    || CONTEXT_KEYWORDS.contains(word) && !TYPE_WORDS.contains(word) && previous.equalsIgnoreCase("as")
                            && inNamePosition(",", next, nextIsWord);
            if (!name) continue;
            if (out == null) out = new StringBuilder(sql.length() + 16);
            out.append(sql, copied, token[0]).append('"').append(word).append('"');
            copied = token[1];
        }
        if (out == null) return sql;
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean inNamePosition(String previous, String next, boolean nextIsWord) {
        if (previous.equals(".")) return true;
        String before = previous.toLowerCase(Locale.ROOT);
        boolean listStart = before.equals(",") || before.equals("(");
        if (!listStart && !NAME_LEADERS.contains(before)) return false;
        if (next.isEmpty()) return true;
        String after = next.toLowerCase(Locale.ROOT);
        if (nextIsWord) return NAME_FOLLOWERS.contains(after) || listStart;
        return switch (after.charAt(0)) {
            case ',', ')', '=', '<', '>', '!', '.', ';', '+', '*', '/', '|', '%', ':', '[' -> true;
            default -> false;
        };
    }

    private static boolean isWord(String sql, int[] token) {
        char c = sql.charAt(token[0]);
        return (Character.isLetter(c) || c == '_') && token[1] > token[0];
    }

    private static String text(String sql, int[] token) {
        return sql.substring(token[0], token[1]);
    }

    /** Significant tokens as [start, end): words, quoted units, and operator runs ("::" is one token). */
    private static List<int[]> tokens(String sql) {
        List<int[]> tokens = new ArrayList<>();
        SqlLexer lx = new SqlLexer(sql);
        while (!lx.atEnd()) {
            int at = lx.position();
            char c = sql.charAt(at);
            if (Character.isWhitespace(c) || sql.startsWith("--", at) || sql.startsWith("/*", at)) {
                lx.skipToken();
                continue;
            }
            if (c == ':' && sql.startsWith("::", at)) {
                lx.advance(2);
            } else {
                lx.skipToken();
            }
            tokens.add(new int[] {at, lx.position()});
        }
        return tokens;
    }
}
