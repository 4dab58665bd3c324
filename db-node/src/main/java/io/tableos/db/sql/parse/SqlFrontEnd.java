package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Locale;
import net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Parses one statement (as {@link StatementSplitter} cut it): transaction-control and utility
 * statements with {@link UtilityParser}, everything else with JSqlParser after
 * {@link LexicalNormalizer}. JSqlParser's generated parser is called directly on the calling
 * thread: {@code CCJSqlParserUtil.parseStatements} would start a thread per call. Callers
 * cache results by statement text; this class keeps no state.
 */
public final class SqlFrontEnd {
    private SqlFrontEnd() {}

    /**
     * Longest statement text accepted; longer ones fail with 54000 rather than exhausting the
     * parser. Room for a 64 MiB bytea literal in hex (two characters a byte), as in a simple
     * Query that pgJDBC writes with its parameters inline; the pgwire message limit is the same.
     * JSqlParser never sees such a literal ({@link LongLiterals}).
     */
    public static final int STATEMENT_CHARS_MAX = 160 << 20;
    /**
     * DROP INDEX CONCURRENTLY, which JSqlParser does not know: the word is dropped, since DDL here
     * never blocks writers (CREATE INDEX CONCURRENTLY it parses, and it is ignored there too).
     */
    private static final java.util.regex.Pattern DROP_INDEX_CONCURRENTLY = java.util.regex.Pattern.compile(
            "^((?:\\s*(?:--[^\\n]*\\n|/\\*.*?\\*/))*\\s*DROP\\s+INDEX\\s+)CONCURRENTLY\\s+",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    /** First words of statements {@link RoutineDdlParser} may claim (functions, triggers, DO). */
    private static final java.util.Set<String> ROUTINE_LEADING_WORDS = java.util.Set.of("create", "drop", "alter", "do");

    /** JSqlParser's own guard against runaway nesting ((((...)))). */
    static final int NESTING_DEPTH_MAX = 200;

    public static ParsedStatement parse(String statementText) {
        if (statementText.length() > STATEMENT_CHARS_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "statement is too long (max " + STATEMENT_CHARS_MAX + " characters)");
        }
        String text = stripTrailingSemicolons(statementText);
        if (text.isEmpty()) throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, 1, null);
        String firstWord = firstWord(text);
        if (UtilityParser.LEADING_WORDS.contains(firstWord)) {
            return UtilityParser.parse(text);
        }
        if (firstWord.equals("call")) return call(text);
        if (ROUTINE_LEADING_WORDS.contains(firstWord)) {
            RoutineStatement routine = RoutineDdlParser.parseOrNull(text, firstWord);
            if (routine != null) return routine;
        }
        if (firstWord.equals("create")) {
            UtilityStatement extension = UtilityParser.createExtensionOrNull(text);
            if (extension != null) return extension;
            UtilityStatement database = UtilityParser.createDatabaseOrNull(text);
            if (database != null) return database;
        }
        if (firstWord.equals("alter")) {
            UtilityStatement database = UtilityParser.alterDatabaseOrNull(text);
            if (database != null) return database;
            text = AlterColumnGrammar.withoutSetData(text);
        }
        if (firstWord.equals("drop")) {
            UtilityStatement database = UtilityParser.dropDatabaseOrNull(text);
            if (database != null) return database;
            text = DROP_INDEX_CONCURRENTLY.matcher(text).replaceFirst("$1");
        }
        String normalized = VariadicArguments.mark(LexicalNormalizer.normalize(text));
        LongLiterals.Extracted extracted = LongLiterals.extract(normalized, firstWord);
        try {
            return new JsqlStatement(parseWithJsql(extracted.text(), firstWord), normalized, extracted.literals());
        } catch (DbException rejected) {
            return retryWithNamesQuoted(extracted, normalized, rejected, firstWord);
        }
    }

    /** {@code CALL p(args)}: parsed as {@code SELECT * FROM p(args)}, which binds arguments as a FROM function's do, and marked a call. */
    private static JsqlStatement call(String text) {
        ParsedStatement select = parse("SELECT * FROM " + text.substring(firstWordEnd(text)));
        if (!(select instanceof JsqlStatement j)) throw new DbException(SqlState.SYNTAX_ERROR, "syntax error in CALL");
        return new JsqlStatement(j.statement(), j.normalizedText(), j.longLiterals(), true);
    }

    /**
     * JSqlParser reserves words PostgreSQL lets name things ({@code output}, {@code current}):
     * parses again with those quoted where they stand as names. Only after a failure, so the
     * statements JSqlParser takes as written are never rewritten; the first error stands when
     * quoting changes nothing or does not help.
     */
    private static JsqlStatement retryWithNamesQuoted(LongLiterals.Extracted extracted, String normalized, DbException rejected, String firstWord) {
        if (!rejected.sqlState().equals(SqlState.SYNTAX_ERROR)) throw rejected;
        String quoted = KeywordQuoting.quote(extracted.text());
        if (quoted == extracted.text()) throw rejected;
        try {
            return new JsqlStatement(parseWithJsql(quoted, firstWord), normalized, extracted.literals());
        } catch (DbException stillRejected) {
            throw rejected;
        }
    }

    /** MERGE (alone or after WITH) through {@link MergeGrammar}'s bridge, the rest straight to JSqlParser. */
    private static Statement parseWithJsql(String text, String firstWord) {
        if (firstWord.equals("merge") || firstWord.equals("with")) return MergeGrammar.parse(text, SqlFrontEnd::parseWithJsql);
        return parseWithJsql(text);
    }

    static Statement parseWithJsql(String text) {
        try {
            CCJSqlParser parser = new CCJSqlParser(text)
                    .withDialect(Dialect.POSTGRESQL)
                    .withBackslashEscapeCharacter(false)
                    .withAllowedNestingDepth(NESTING_DEPTH_MAX);
            Statement statement = parser.Statement();
            if (statement == null) throw new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, 1, null);
            if (statement instanceof UnsupportedStatement && MalformedStatements.ofExecutedKind(text)) throw MalformedStatements.syntaxError(text);
            return statement;
        } catch (ParseException e) {
            throw syntaxError(text, e);
        } catch (TokenMgrException e) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error: " + e.getMessage(), null, null, 0, null);
        } catch (RuntimeException e) {
            if (e instanceof DbException) throw e;
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error: " + e.getMessage(), null, null, 0, e);
        }
    }

    /** 42601 at the token JSqlParser stopped at, with its 1-based character position. */
    private static DbException syntaxError(String text, ParseException e) {
        Token bad = e.currentToken == null ? null : e.currentToken.next;
        if (bad == null || bad.kind == 0 || bad.image == null || bad.image.isEmpty()) {
            return new DbException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null, text.length() + 1, null);
        }
        int position = offsetOf(text, bad.beginLine, bad.beginColumn) + 1;
        return new DbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + bad.image + "\"", null, null, position, null);
    }

    /** JavaCC's 1-based line and column to a 0-based offset. */
    static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) break;
            offset = nl + 1;
        }
        return Math.min(text.length(), offset + Math.max(column, 1) - 1);
    }

    private static String stripTrailingSemicolons(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ';' || Character.isWhitespace(s.charAt(end - 1)))) end--;
        int start = 0;
        while (start < end && Character.isWhitespace(s.charAt(start))) start++;
        return s.substring(start, end);
    }

    /** The first word after leading comments, lower-cased; "" when the statement starts otherwise. */
    static String firstWord(String s) {
        int end = firstWordEnd(s);
        int start = end;
        while (start > 0 && Character.isLetter(s.charAt(start - 1))) start--;
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** Where the first word (after blanks and comments) ends; the text's length when it has none. */
    private static int firstWordEnd(String s) {
        SqlLexer lx = new SqlLexer(s);
        while (!lx.atEnd()) {
            int at = lx.position();
            char c = s.charAt(at);
            if (Character.isWhitespace(c)) {
                lx.advance(1);
            } else if (s.startsWith("--", at) || s.startsWith("/*", at)) {
                lx.skipToken();
            } else {
                int end = at;
                while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
                return end;
            }
        }
        return s.length();
    }
}
