package io.tableos.db.sql.plpgsql;

import io.tableos.db.sql.parse.UtilityTokens;
import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The token stream of a PL/pgSQL body and the reading primitives the parser is written in: peek,
 * accept and expect a word or punctuation, skip to a stop at depth 0, and the errors PostgreSQL
 * reports for a malformed body (42601) or an unsupported construct (0A000). {@code next} is the
 * position of the first unread token; the stream ends with an END token.
 */
abstract class BodyTokenReader {
    final String text;
    final List<Token> tokens;
    int next;

    BodyTokenReader(String text) {
        this.text = text;
        this.tokens = splitRanges(UtilityTokens.tokens(text));
    }

    /** Advances to the first token at depth 0 (outside parentheses, brackets and CASE ... END) that is in {@code stops}. */
    void skipTo(Set<String> stops) {
        int depth = 0;
        while (!at(Kind.END)) {
            Token k = peek();
            boolean stop = stops.contains(k.value()) && (k.kind() == Kind.WORD || k.kind() == Kind.PUNCTUATION);
            if (stops.contains("..") && isPunctuation(k, ".") && isPunctuation(peek(1), ".") && k.end() == peek(1).start()) stop = true;
            if (depth == 0 && stop) return;
            if (isPunctuation(k, "(") || isPunctuation(k, "[") || (k.kind() == Kind.WORD && k.value().equals("case"))) depth++;
            if (isPunctuation(k, ")") || isPunctuation(k, "]") || (k.kind() == Kind.WORD && k.value().equals("end") && depth > 0)) depth--;
            if (depth < 0) return;
            next++;
        }
    }

    boolean atAssign() {
        return (atPunctuation(":") && isPunctuation(peek(1), "=")) || atPunctuation("=");
    }

    boolean acceptAssign() {
        if (atPunctuation(":") && isPunctuation(peek(1), "=")) {
            next += 2;
            return true;
        }
        return accept("=");
    }

    /** The SQL tokenizer reads {@code 1..10} as one number: split it around the dots. */
    static List<Token> splitRanges(List<Token> in) {
        List<Token> out = new ArrayList<>(in.size());
        for (Token t : in) {
            int dots = t.kind() == Kind.NUMBER ? t.value().indexOf("..") : -1;
            if (dots < 0) {
                out.add(t);
                continue;
            }
            int at = t.start() + dots;
            if (dots > 0) out.add(new Token(Kind.NUMBER, t.value().substring(0, dots), t.start(), at));
            out.add(new Token(Kind.PUNCTUATION, ".", at, at + 1));
            out.add(new Token(Kind.PUNCTUATION, ".", at + 1, at + 2));
            String upper = t.value().substring(dots + 2);
            boolean number = !upper.isEmpty() && Character.isDigit(upper.charAt(0));
            if (at + 2 < t.end()) out.add(new Token(number ? Kind.NUMBER : Kind.WORD, number ? upper : upper.toLowerCase(java.util.Locale.ROOT), at + 2, t.end()));
        }
        return out;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    Token take() {
        Token t = peek();
        if (t.kind() != Kind.END) next++;
        return t;
    }

    boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    boolean peekWord(String word) {
        return peek().kind() == Kind.WORD && peek().value().equals(word);
    }

    boolean acceptWord(String word) {
        if (!peekWord(word)) return false;
        next++;
        return true;
    }

    void expectWord(String word) {
        if (!acceptWord(word)) throw syntaxError();
    }

    static boolean isPunctuation(Token t, String p) {
        return t.kind() == Kind.PUNCTUATION && t.value().equals(p);
    }

    boolean atPunctuation(String p) {
        return isPunctuation(peek(), p);
    }

    boolean accept(String p) {
        if (!atPunctuation(p)) return false;
        next++;
        return true;
    }

    void expect(String p) {
        if (!accept(p)) throw syntaxError();
    }

    String identifier() {
        Token t = peek();
        if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_IDENTIFIER) throw syntaxError();
        next++;
        return t.value();
    }

    String string() {
        Token t = peek();
        if (t.kind() != Kind.STRING) throw syntaxError();
        next++;
        return t.value();
    }

    String source(int from, int to) {
        return from < to ? text.substring(tokens.get(from).start(), tokens.get(to - 1).end()) : "";
    }

    DbException syntaxError() {
        Token t = peek();
        if (t.kind() == Kind.END) return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + text.substring(t.start(), t.end()) + "\"");
    }

    static DbException unsupported(String what) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "PL/pgSQL " + what + " is not supported yet");
    }
}
