package io.tableos.db.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cursor that steps over whole lexical units of PostgreSQL SQL: quoted strings (with E''
 * backslash escapes and '' doubling), quoted identifiers, dollar-quoted strings, line and
 * nested block comments. An unterminated unit runs to the end of the text (the parser then
 * reports it), as the PostgreSQL lexer does.
 */
final class SqlLexer {
    private final String s;
    private int i;

    SqlLexer(String s) {
        this.s = s;
    }

    boolean atEnd() {
        return i >= s.length();
    }

    int position() {
        return i;
    }

    void advance(int n) {
        i += n;
    }

    void seek(int position) {
        i = position;
    }

    /** Steps over one unit starting at the cursor: a quoted thing, a comment, or one character. */
    void skipToken() {
        char c = s.charAt(i);
        if (c == '\'') {
            boolean escapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e') && (i < 2 || !isIdentifierChar(s.charAt(i - 2)));
            i = endOfString(i, escapes);
        } else if (c == '"') {
            i = endOfQuotedIdentifier(i);
        } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
            int nl = s.indexOf('\n', i);
            i = nl < 0 ? s.length() : nl + 1;
        } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
            i = endOfBlockComment(i);
        } else if (c == '$' && (i == 0 || !isIdentifierChar(s.charAt(i - 1)))) {
            int tagEnd = dollarTagEnd(i);
            if (tagEnd < 0) {
                i++;
            } else {
                String tag = s.substring(i, tagEnd + 1);
                int close = s.indexOf(tag, tagEnd + 1);
                i = close < 0 ? s.length() : close + tag.length();
            }
        } else if (isIdentifierChar(c)) {
            while (i < s.length() && isIdentifierChar(s.charAt(i))) i++;
        } else {
            i++;
        }
    }

    /** Index after the closing quote of a string literal starting at {@code open}. */
    int endOfString(int open, boolean backslashEscapes) {
        int j = open + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < s.length() && s.charAt(j + 1) == '\'') j += 2;
                else return j + 1;
            } else {
                j++;
            }
        }
        return s.length();
    }

    int endOfQuotedIdentifier(int open) {
        int j = open + 1;
        while (j < s.length()) {
            if (s.charAt(j) == '"') {
                if (j + 1 < s.length() && s.charAt(j + 1) == '"') j += 2;
                else return j + 1;
            } else {
                j++;
            }
        }
        return s.length();
    }

    int endOfBlockComment(int open) {
        int depth = 0;
        int j = open;
        while (j < s.length()) {
            if (s.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (s.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) return j;
            } else {
                j++;
            }
        }
        return s.length();
    }

    /** For "$tag$" or "$$" at {@code dollar}, the index of the closing '$' of the tag; -1 when it is not a tag ($1 parameter). */
    int dollarTagEnd(int dollar) {
        int j = dollar + 1;
        if (j < s.length() && Character.isDigit(s.charAt(j))) return -1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        return j < s.length() && s.charAt(j) == '$' ? j : -1;
    }

    static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A word of a statement outside quotes, comments and parentheses, lower-cased, with its span. */
    record Word(String lower, int start, int end) {}

    /** The words of {@code text} that stand outside quotes, comments and parentheses, in order. */
    static List<Word> topLevelWords(String text) {
        List<Word> words = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(text);
        int depth = 0;
        while (!lexer.atEnd()) {
            int at = lexer.position();
            char c = text.charAt(at);
            lexer.skipToken();
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && Character.isLetter(c)) words.add(new Word(text.substring(at, lexer.position()).toLowerCase(Locale.ROOT), at, lexer.position()));
        }
        return words;
    }

    /** True when {@code words[i]} is {@code word}. */
    static boolean is(List<Word> words, int i, String word) {
        return i >= 0 && i < words.size() && words.get(i).lower().equals(word);
    }

    /** True when the text holds nothing but comments and blanks. */
    static boolean onlyComments(String text) {
        SqlLexer lx = new SqlLexer(text);
        while (!lx.atEnd()) {
            char c = text.charAt(lx.i);
            if (Character.isWhitespace(c)) {
                lx.i++;
            } else if (text.startsWith("--", lx.i) || text.startsWith("/*", lx.i)) {
                lx.skipToken();
            } else {
                return false;
            }
        }
        return true;
    }
}
