package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The token stream of a utility statement: words (folded to lower case), quoted identifiers,
 * string literals (decoded), numbers, and single punctuation characters, each with its
 * offset in the statement text so that embedded statements can be cut out verbatim.
 */
public final class UtilityTokens {
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PUNCTUATION, END }

    public record Token(Kind kind, String value, int start, int end) {}

    private final String text;
    private final List<Token> tokens;
    private int next;

    UtilityTokens(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    String text() {
        return text;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) next++;
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    /** Consumes the word if it is next. */
    boolean accept(String word) {
        Token t = peek();
        if (t.kind() == Kind.WORD && t.value().equals(word)) {
            next++;
            return true;
        }
        return false;
    }

    boolean acceptPunctuation(char c) {
        Token t = peek();
        if (t.kind() == Kind.PUNCTUATION && t.value().charAt(0) == c) {
            next++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) throw syntaxError();
    }

    void expectPunctuation(char c) {
        if (!acceptPunctuation(c)) throw syntaxError();
    }

    void expectEnd() {
        if (!atEnd()) throw syntaxError();
    }

    /** An identifier: a word or a quoted identifier, possibly schema-qualified (a.b). */
    String name() {
        Token t = take();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENTIFIER) {
            next--;
            throw syntaxError();
        }
        String n = t.value();
        if (acceptPunctuation('.')) return n + "." + name();
        return n;
    }

    /** Offset where the remaining tokens begin. */
    int restStart() {
        return peek().start();
    }

    /** 42601 {@code syntax error at or near "x"} with the token's 1-based position. */
    DbException syntaxError() {
        Token t = peek();
        if (t.kind() == Kind.END) {
            return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, text.length() + 1, null);
        }
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + text.substring(t.start(), t.end()) + "\"",
                null, null, t.start() + 1, null);
    }

    /** The tokens of {@code text}, ending with one of kind END (PL/pgSQL bodies are cut into statements with these). */
    public static List<Token> tokens(String text) {
        return tokenize(text);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        SqlLexer lx = new SqlLexer(s);
        while (!lx.atEnd()) {
            int at = lx.position();
            char c = s.charAt(at);
            if (Character.isWhitespace(c)) {
                lx.advance(1);
                continue;
            }
            if (s.startsWith("--", at) || s.startsWith("/*", at)) {
                lx.skipToken();
                continue;
            }
            if ((c == 'E' || c == 'e') && at + 1 < s.length() && s.charAt(at + 1) == '\'') {
                int end = lx.endOfString(at + 1, true);
                out.add(new Token(Kind.STRING, LexicalNormalizer.decodeEscapes(s, at + 2, Math.max(at + 2, end - 1)), at, end));
                lx.seek(end);
            } else if (c == '\'') {
                int end = lx.endOfString(at, false);
                out.add(new Token(Kind.STRING, s.substring(at + 1, Math.max(at + 1, end - 1)).replace("''", "'"), at, end));
                lx.seek(end);
            } else if (c == '"') {
                int end = lx.endOfQuotedIdentifier(at);
                out.add(new Token(Kind.QUOTED_IDENTIFIER, s.substring(at + 1, Math.max(at + 1, end - 1)).replace("\"\"", "\""), at, end));
                lx.seek(end);
            } else if (c == '$' && lx.dollarTagEnd(at) > 0) {
                int tagEnd = lx.dollarTagEnd(at);
                lx.skipToken();
                int end = lx.position();
                int bodyEnd = Math.max(tagEnd + 1, end - (tagEnd - at + 1));
                out.add(new Token(Kind.STRING, s.substring(tagEnd + 1, bodyEnd), at, end));
            } else if (Character.isDigit(c) || (c == '.' && at + 1 < s.length() && Character.isDigit(s.charAt(at + 1)))
                    || ((c == '-' || c == '+') && at + 1 < s.length() && Character.isDigit(s.charAt(at + 1)))) {
                int end = at + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) end++;
                out.add(new Token(Kind.NUMBER, s.substring(at, end), at, end));
                lx.seek(end);
            } else if (Character.isLetter(c) || c == '_') {
                int end = at;
                while (end < s.length() && SqlLexer.isIdentifierChar(s.charAt(end))) end++;
                out.add(new Token(Kind.WORD, s.substring(at, end).toLowerCase(Locale.ROOT), at, end));
                lx.seek(end);
            } else {
                out.add(new Token(Kind.PUNCTUATION, String.valueOf(c), at, at + 1));
                lx.advance(1);
            }
        }
        out.add(new Token(Kind.END, "", s.length(), s.length()));
        return out;
    }
}
