package io.tableos.db.sql.parse;

import io.tableos.db.sql.parse.UtilityStatement.*;
import io.tableos.db.sql.parse.UtilityTokens.Kind;
import io.tableos.db.sql.parse.UtilityTokens.Token;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for the transaction-control and utility statements in
 * {@link UtilityStatement}, following PostgreSQL 15's grammar for the forms clients send.
 */
final class UtilityParser {
    private UtilityParser() {}

    /** First words that route a statement here instead of to JSqlParser. */
    static final Set<String> LEADING_WORDS = Set.of("begin", "start", "commit", "end", "rollback", "abort", "savepoint",
            "release", "set", "reset", "show", "listen", "unlisten", "notify", "prepare", "execute", "deallocate", "discard",
            "vacuum", "analyze", "analyse", "checkpoint", "copy", "truncate", "explain", "grant", "revoke");

    /** Parses {@code text}, whose first word is in {@link #LEADING_WORDS}. */
    static UtilityStatement parse(String text) {
        UtilityTokens t = new UtilityTokens(text);
        String first = t.take().value();
        UtilityStatement result = switch (first) {
            case "begin" -> begin(t, true);
            case "start" -> {
                t.expect("transaction");
                yield begin(t, false);
            }
            case "commit", "end" -> new Commit(chain(t));
            case "rollback", "abort" -> rollback(t);
            case "savepoint" -> new Savepoint(t.name());
            case "release" -> {
                t.accept("savepoint");
                yield new ReleaseSavepoint(t.name());
            }
            case "set" -> set(t);
            case "reset" -> new Reset(t.accept("all") ? "all" : settingName(t));
            case "show" -> show(t);
            case "listen" -> new Listen(t.name());
            case "unlisten" -> new Unlisten(t.acceptPunctuation('*') ? "*" : t.name());
            case "notify" -> notify(t);
            case "prepare" -> prepare(t);
            case "execute" -> execute(t);
            case "deallocate" -> {
                t.accept("prepare");
                yield t.accept("all") ? new Deallocate(null) : new Deallocate(t.name());
            }
            case "discard" -> {
                t.take();
                yield new DiscardAll();
            }
            case "vacuum" -> skipRest(t, new Vacuum());
            case "analyze", "analyse" -> analyze(t);
            case "checkpoint" -> new Checkpoint();
            case "copy" -> CopyParser.copy(t);
            case "truncate" -> truncate(t);
            case "explain" -> explain(t);
            case "grant", "revoke" -> privileges(t, first);
            default -> throw t.syntaxError();
        };
        if (!(result instanceof Prepare) && !(result instanceof Explain)) t.expectEnd();
        return result;
    }

    /**
     * GRANT ... TO roles | REVOKE ... FROM roles: the roles after the last top-level TO / FROM,
     * up to WITH, GRANTED, CASCADE or RESTRICT (the privileges and objects are not needed).
     */
    private static UtilityStatement privileges(UtilityTokens t, String command) {
        List<Token> tokens = new ArrayList<>();
        while (!t.atEnd()) tokens.add(t.take());
        String keyword = command.equals("grant") ? "to" : "from";
        int depth = 0;
        int rolesStart = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token k = tokens.get(i);
            if (k.kind() == Kind.PUNCTUATION && k.value().equals("(")) depth++;
            if (k.kind() == Kind.PUNCTUATION && k.value().equals(")")) depth--;
            if (depth == 0 && k.kind() == Kind.WORD && k.value().equals(keyword)) rolesStart = i + 1;
        }
        if (rolesStart < 0 || rolesStart >= tokens.size()) throw new DbException(SqlState.SYNTAX_ERROR, "syntax error in " + command.toUpperCase(Locale.ROOT));
        List<String> roles = new ArrayList<>();
        for (int i = rolesStart; i < tokens.size(); i++) {
            Token k = tokens.get(i);
            if (k.kind() == Kind.WORD && Set.of("with", "granted", "cascade", "restrict").contains(k.value())) break;
            if (k.kind() == Kind.WORD && k.value().equals("group")) continue;
            if (k.kind() == Kind.WORD || k.kind() == Kind.QUOTED_IDENTIFIER) roles.add(k.value());
        }
        return new Privileges(command.toUpperCase(Locale.ROOT), roles);
    }

    /** CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE], or null for another CREATE. */
    static UtilityStatement createExtensionOrNull(String text) {
        UtilityTokens t = new UtilityTokens(text);
        t.expect("create");
        if (!t.accept("extension")) return null;
        boolean ifNotExists = t.accept("if");
        if (ifNotExists) {
            t.expect("not");
            t.expect("exists");
        }
        Token name = t.take();
        if (name.kind() != Kind.WORD && name.kind() != Kind.QUOTED_IDENTIFIER) throw t.syntaxError();
        return skipRest(t, new CreateExtension(name.value(), ifNotExists));
    }

    /** CREATE DATABASE name [[WITH] options], or null for another CREATE. */
    static UtilityStatement createDatabaseOrNull(String text) {
        UtilityTokens t = new UtilityTokens(text);
        t.expect("create");
        if (!t.accept("database")) return null;
        return skipRest(t, new CreateDatabase(t.name()));
    }

    /** DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)], or null for another DROP. */
    static UtilityStatement dropDatabaseOrNull(String text) {
        UtilityTokens t = new UtilityTokens(text);
        t.expect("drop");
        if (!t.accept("database")) return null;
        boolean ifExists = t.accept("if");
        if (ifExists) t.expect("exists");
        String name = t.name();
        t.accept("with");
        boolean force = false;
        if (t.acceptPunctuation('(')) {
            force = t.accept("force");
            t.expectPunctuation(')');
        }
        return new DropDatabase(name, ifExists, force);
    }

    /** ANALYZE [VERBOSE] [(options)] [[schema.]table [(columns)] [, ...]]: the tables (none: every table). */
    private static Analyze analyze(UtilityTokens t) {
        t.accept("verbose");
        if (t.acceptPunctuation('(')) skipParenthesised(t);
        List<List<String>> tables = new ArrayList<>();
        while (!t.atEnd()) {
            boolean word = t.peek().kind() == Kind.WORD;
            String first = t.name();
            List<String> name = new ArrayList<>(word ? List.of(first.split("\\.", -1)) : List.of(first));
            if (t.acceptPunctuation('.')) name.add(t.name());
            if (name.size() > 2) throw t.syntaxError();
            tables.add(List.copyOf(name));
            if (t.acceptPunctuation('(')) skipParenthesised(t);
            if (!t.acceptPunctuation(',')) break;
        }
        return new Analyze(List.copyOf(tables));
    }

    /** Skips to the parenthesis that closes one already taken. */
    private static void skipParenthesised(UtilityTokens t) {
        int depth = 1;
        while (depth > 0) {
            if (t.atEnd()) throw t.syntaxError();
            Token k = t.take();
            if (k.kind() == Kind.PUNCTUATION && k.value().equals("(")) depth++;
            if (k.kind() == Kind.PUNCTUATION && k.value().equals(")")) depth--;
        }
    }

    private static UtilityStatement skipRest(UtilityTokens t, UtilityStatement s) {
        while (!t.atEnd()) t.take();
        return s;
    }

    private static boolean chain(UtilityTokens t) {
        t.accept("work");
        t.accept("transaction");
        if (t.accept("and")) {
            boolean no = t.accept("no");
            t.expect("chain");
            return !no;
        }
        return false;
    }

    private static UtilityStatement rollback(UtilityTokens t) {
        if (t.accept("prepared")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "prepared transactions are not supported");
        t.accept("work");
        t.accept("transaction");
        if (t.accept("to")) {
            t.accept("savepoint");
            return new RollbackToSavepoint(t.name());
        }
        if (t.accept("and")) {
            boolean no = t.accept("no");
            t.expect("chain");
            return new Rollback(!no);
        }
        return new Rollback(false);
    }

    /** Mutable result of reading transaction modes. */
    static final class Isolation {
        String level;
        Boolean readOnly;
        Boolean deferrable;
    }

    private static Begin begin(UtilityTokens t, boolean plainBegin) {
        if (plainBegin) {
            t.accept("work");
            t.accept("transaction");
        }
        Isolation m = transactionModes(t);
        return new Begin(m.level, m.readOnly, m.deferrable);
    }

    /** transaction_mode [[,] transaction_mode ...]. */
    static Isolation transactionModes(UtilityTokens t) {
        Isolation m = new Isolation();
        while (!t.atEnd()) {
            if (t.accept("isolation")) {
                t.expect("level");
                if (t.accept("serializable")) m.level = "serializable";
                else if (t.accept("repeatable")) {
                    t.expect("read");
                    m.level = "repeatable read";
                } else if (t.accept("read")) {
                    if (t.accept("committed")) m.level = "read committed";
                    else {
                        t.expect("uncommitted");
                        m.level = "read uncommitted";
                    }
                } else throw t.syntaxError();
            } else if (t.accept("read")) {
                if (t.accept("only")) m.readOnly = Boolean.TRUE;
                else {
                    t.expect("write");
                    m.readOnly = Boolean.FALSE;
                }
            } else if (t.accept("deferrable")) {
                m.deferrable = Boolean.TRUE;
            } else if (t.accept("not")) {
                t.expect("deferrable");
                m.deferrable = Boolean.FALSE;
            } else {
                throw t.syntaxError();
            }
            t.acceptPunctuation(',');
        }
        return m;
    }

    private static UtilityStatement set(UtilityTokens t) {
        boolean local = false;
        if (t.accept("local")) local = true;
        else if (t.accept("session")) {
            if (t.accept("characteristics")) {
                t.expect("as");
                t.expect("transaction");
                Isolation m = transactionModes(t);
                return new SetSessionCharacteristics(m.level, m.readOnly);
            }
            if (t.accept("authorization")) return new UtilityStatement.Set("session_authorization", values(t), false);
        }
        if (t.peek().kind() == Kind.WORD && t.peek().value().equals("transaction") && !isAssignment(t.peek(1))) {
            t.take();
            if (t.accept("snapshot")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "SET TRANSACTION SNAPSHOT is not supported");
            Isolation m = transactionModes(t);
            return new SetTransaction(m.level, m.readOnly);
        }
        if (t.peek().value().equals("time") && t.peek(1).value().equals("zone")) {
            t.take();
            t.take();
            if (t.accept("local")) return new UtilityStatement.Set("timezone", List.of(), local);
            return new UtilityStatement.Set("timezone", values(t), local);
        }
        if (t.accept("names")) return new UtilityStatement.Set("client_encoding", values(t), local);
        if (t.peek().value().equals("role") && !isAssignment(t.peek(1))) {
            t.take();
            return new UtilityStatement.Set("role", values(t), local);
        }
        String name = settingName(t);
        if (!t.acceptPunctuation('=') && !t.accept("to")) throw t.syntaxError();
        return new UtilityStatement.Set(name, values(t), local);
    }

    private static boolean isAssignment(Token t) {
        return (t.kind() == Kind.PUNCTUATION && t.value().equals("=")) || (t.kind() == Kind.WORD && t.value().equals("to"));
    }

    /** A setting name, possibly dotted (my.custom_setting), lower-cased. */
    private static String settingName(UtilityTokens t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** value[, value ...] or DEFAULT (empty list). */
    private static List<String> values(UtilityTokens t) {
        if (t.accept("default")) return List.of();
        List<String> out = new ArrayList<>(1);
        do {
            Token v = t.take();
            switch (v.kind()) {
                case STRING, NUMBER, WORD, QUOTED_IDENTIFIER -> out.add(v.value());
                default -> throw t.syntaxError();
            }
            // a qualified name such as pg_catalog.x arrives as several tokens
            while (t.peek().kind() == Kind.PUNCTUATION && t.peek().value().equals(".")) {
                t.take();
                out.set(out.size() - 1, out.get(out.size() - 1) + "." + t.take().value());
            }
        } while (t.acceptPunctuation(','));
        return out;
    }

    private static Show show(UtilityTokens t) {
        if (t.accept("all")) return new Show("all");
        if (t.accept("transaction")) {
            t.expect("isolation");
            t.expect("level");
            return new Show("transaction_isolation");
        }
        if (t.peek().value().equals("time") && t.peek(1).value().equals("zone")) {
            t.take();
            t.take();
            return new Show("timezone");
        }
        if (t.accept("session")) {
            t.expect("authorization");
            return new Show("session_authorization");
        }
        return new Show(settingName(t));
    }

    private static Notify notify(UtilityTokens t) {
        String channel = t.name();
        String payload = null;
        if (t.acceptPunctuation(',')) {
            Token p = t.take();
            if (p.kind() != Kind.STRING) throw t.syntaxError();
            payload = p.value();
        }
        return new Notify(channel, payload);
    }

    private static Prepare prepare(UtilityTokens t) {
        if (t.accept("transaction")) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "prepared transactions are not supported");
        String name = t.name();
        List<String> types = new ArrayList<>();
        if (t.acceptPunctuation('(')) {
            types.add(typeText(t));
            while (t.acceptPunctuation(',')) types.add(typeText(t));
            t.expectPunctuation(')');
        }
        t.expect("as");
        if (t.atEnd()) throw t.syntaxError();
        return new Prepare(name, types, t.text().substring(t.restStart()).strip());
    }

    /** The source text of one type name up to the next top-level ',' or ')'. */
    private static String typeText(UtilityTokens t) {
        int start = t.restStart();
        int depth = 0;
        int end = start;
        while (!t.atEnd()) {
            Token p = t.peek();
            if (p.kind() == Kind.PUNCTUATION) {
                char c = p.value().charAt(0);
                if ((c == ',' || c == ')') && depth == 0) break;
                if (c == '(' || c == '[') depth++;
                if (c == ')' || c == ']') depth--;
            }
            end = t.take().end();
        }
        if (end == start) throw t.syntaxError();
        return t.text().substring(start, end).strip();
    }

    private static Execute execute(UtilityTokens t) {
        String name = t.name();
        List<String> params = new ArrayList<>();
        if (t.acceptPunctuation('(')) {
            if (!t.acceptPunctuation(')')) {
                params.add(typeText(t));
                while (t.acceptPunctuation(',')) params.add(typeText(t));
                t.expectPunctuation(')');
            }
        }
        return new Execute(name, params);
    }

    private static Truncate truncate(UtilityTokens t) {
        t.accept("table");
        List<String> tables = new ArrayList<>();
        do {
            t.accept("only");
            tables.add(t.name());
            t.acceptPunctuation('*');
        } while (t.acceptPunctuation(','));
        boolean restart = false, cascade = false;
        while (!t.atEnd()) {
            if (t.accept("restart")) {
                t.expect("identity");
                restart = true;
            } else if (t.accept("continue")) {
                t.expect("identity");
                restart = false;
            } else if (t.accept("cascade")) {
                cascade = true;
            } else if (t.accept("restrict")) {
                cascade = false;
            } else {
                throw t.syntaxError();
            }
        }
        return new Truncate(tables, restart, cascade);
    }

    private static Explain explain(UtilityTokens t) {
        List<String> options = new ArrayList<>();
        if (t.peek().kind() == Kind.PUNCTUATION && t.peek().value().equals("(")) {
            t.take();
            while (true) {
                StringBuilder option = new StringBuilder(t.take().value());
                while (!t.atEnd() && !(t.peek().kind() == Kind.PUNCTUATION && (t.peek().value().equals(",") || t.peek().value().equals(")")))) {
                    option.append(' ').append(t.take().value().toLowerCase(Locale.ROOT));
                }
                options.add(option.toString());
                if (t.acceptPunctuation(')')) break;
                t.expectPunctuation(',');
            }
        } else {
            while (true) {
                if (t.accept("analyze") || t.accept("analyse")) options.add("analyze");
                else if (t.accept("verbose")) options.add("verbose");
                else break;
            }
        }
        if (t.atEnd()) throw t.syntaxError();
        return new Explain(t.text().substring(t.restStart()).strip(), options);
    }
}
