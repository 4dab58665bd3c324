package io.tableos.db.sql.parse;

import io.tableos.db.sql.parse.UtilityStatement.Copy;
import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** COPY in PostgreSQL 15's modern option-list syntax and the legacy (pre-9.0) syntax; only STDIN/STDOUT. */
final class CopyParser {
    private CopyParser() {}

    static Copy copy(UtilityTokens t) {
        String table = null;
        String query = null;
        List<String> columns = new ArrayList<>();
        if (t.peek().kind() == Kind.PUNCTUATION && t.peek().value().equals("(")) {
            query = parenthesized(t);
        } else {
            table = t.name();
            if (t.acceptPunctuation('(')) {
                do columns.add(t.name()); while (t.acceptPunctuation(','));
                t.expectPunctuation(')');
            }
        }
        boolean from;
        if (t.accept("from")) from = true;
        else if (t.accept("to")) from = false;
        else throw t.syntaxError();
        if (query != null && from) throw t.syntaxError();
        if (from ? !t.accept("stdin") : !t.accept("stdout")) {
            if (t.accept("program") || t.peek().kind() == Kind.STRING) {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY " + (from ? "FROM a file" : "TO a file") + " is not supported; use COPY " + (from ? "FROM STDIN" : "TO STDOUT"));
            }
            throw t.syntaxError();
        }
        Options o = new Options();
        t.accept("with");
        if (t.acceptPunctuation('(')) {
            do modernOption(t, o); while (t.acceptPunctuation(','));
            t.expectPunctuation(')');
        } else {
            while (!t.atEnd()) legacyOption(t, o);
        }
        if (t.accept("where")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY ... WHERE is not supported");
        return new Copy(table, columns, from, !from, query, o.format, o.header, o.delimiter, o.nullString, o.quote, o.escape);
    }

    private static final class Options {
        String format = "text";
        boolean header;
        String delimiter, nullString, quote, escape;
    }

    /** The source text between a '(' and its matching ')'. */
    private static String parenthesized(UtilityTokens t) {
        int depth = 0;
        Token open = t.take();
        int start = open.end();
        depth++;
        while (!t.atEnd()) {
            Token p = t.take();
            if (p.kind() == Kind.PUNCTUATION && p.value().equals("(")) depth++;
            if (p.kind() == Kind.PUNCTUATION && p.value().equals(")") && --depth == 0) return t.text().substring(start, p.start()).strip();
        }
        throw t.syntaxError();
    }

    private static void modernOption(UtilityTokens t, Options o) {
        Token nameToken = t.take();
        if (nameToken.kind() != Kind.WORD) throw t.syntaxError();
        String name = nameToken.value();
        switch (name) {
            case "format" -> o.format = formatName(t, t.take().value());
            case "header" -> o.header = booleanValue(t);
            case "delimiter" -> o.delimiter = string(t);
            case "null" -> o.nullString = string(t);
            case "quote" -> o.quote = string(t);
            case "escape" -> o.escape = string(t);
            case "encoding" -> string(t);
            case "freeze" -> booleanValue(t);
            case "force_quote", "force_not_null", "force_null" -> {
                if (!t.acceptPunctuation('*') && t.acceptPunctuation('(')) {
                    do t.name(); while (t.acceptPunctuation(','));
                    t.expectPunctuation(')');
                }
            }
            default -> throw new DbException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
        }
    }

    private static void legacyOption(UtilityTokens t, Options o) {
        if (t.accept("binary")) o.format = "binary";
        else if (t.accept("csv")) o.format = "csv";
        else if (t.accept("header")) o.header = true;
        else if (t.accept("delimiter")) {
            t.accept("as");
            o.delimiter = string(t);
        } else if (t.accept("null")) {
            t.accept("as");
            o.nullString = string(t);
        } else if (t.accept("quote")) {
            t.accept("as");
            o.quote = string(t);
        } else if (t.accept("escape")) {
            t.accept("as");
            o.escape = string(t);
        } else if (t.accept("force")) {
            if (t.accept("not")) t.expect("null");
            else t.expect("quote");
            if (!t.acceptPunctuation('*')) do t.name(); while (t.acceptPunctuation(','));
        } else {
            throw t.syntaxError();
        }
    }

    private static String formatName(UtilityTokens t, String value) {
        String f = value.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("csv") && !f.equals("binary")) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + value + "\" not recognized");
        }
        return f;
    }

    /** HEADER [true|false|on|off|1|0|match]; a bare HEADER is true. */
    private static boolean booleanValue(UtilityTokens t) {
        Token v = t.peek();
        if (v.kind() == Kind.PUNCTUATION) return true;
        t.take();
        return switch (v.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "match" -> true;
            case "false", "off", "0" -> false;
            default -> throw t.syntaxError();
        };
    }

    private static String string(UtilityTokens t) {
        Token v = t.take();
        if (v.kind() != Kind.STRING) throw t.syntaxError();
        return v.value();
    }
}
