package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Locale;
import java.util.Set;

/**
 * JSqlParser returns a catch-all "unsupported statement" instead of failing for some malformed
 * text ({@code CREATE TABLE (id int)}). For the statement kinds TableOS executes that can only
 * mean the text is malformed, so it is a syntax error (42601), as PostgreSQL says, rather than
 * "not supported". Statement kinds TableOS does not execute keep their "not supported" reply.
 */
final class MalformedStatements {
    private MalformedStatements() {}

    /** Leading words (up to two) of the statements TableOS executes. */
    private static final Set<String> EXECUTED_KINDS = Set.of(
            "select", "with", "insert", "update", "delete", "values", "create table", "create index",
            "create unique", "create view", "create sequence", "create schema", "create temp",
            "create temporary", "create unlogged", "alter table", "alter sequence", "drop table",
            "drop index", "drop view", "drop sequence", "drop schema");

    static boolean ofExecutedKind(String text) {
        String[] words = leadingWords(text);
        return EXECUTED_KINDS.contains(words[0]) || EXECUTED_KINDS.contains(words[0] + " " + words[1]);
    }

    /**
     * 42601 at the first token that is not a word: where the statement's leading words end
     * ({@code "("} in {@code CREATE TABLE (id int)}, where PostgreSQL points too).
     */
    static DbException syntaxError(String text) {
        SqlLexer lx = new SqlLexer(text);
        while (!lx.atEnd()) {
            int at = lx.position();
            char c = text.charAt(at);
            if (Character.isWhitespace(c) || text.startsWith("--", at) || text.startsWith("/*", at)) {
                lx.skipToken();
                continue;
            }
            lx.skipToken();
            if (!Character.isLetter(c) && c != '_') {
                return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + text.substring(at, lx.position()) + "\"",
                        null, null, at + 1, null);
            }
        }
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, text.length() + 1, null);
    }

    private static String[] leadingWords(String text) {
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("[^a-z_]+", 3);
        return new String[] {words[0], words.length > 1 ? words[1] : ""};
    }
}
