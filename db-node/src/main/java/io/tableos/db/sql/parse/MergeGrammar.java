package io.tableos.db.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;

/**
 * Where PostgreSQL 15's MERGE grammar is wider than JSqlParser's: {@code THEN DO NOTHING} and
 * {@code THEN INSERT DEFAULT VALUES}. The text is rewritten into forms JSqlParser parses (a
 * DELETE or an INSERT of one DEFAULT standing for DO NOTHING, {@code INSERT VALUES (DEFAULT)},
 * which fills every column with its default as DEFAULT VALUES does), and the parsed WHEN clauses
 * that stood for DO NOTHING are replaced by {@link MergeDoNothing}. WHEN clauses are counted by
 * their {@code WHEN [NOT] MATCHED} headers outside parentheses, in the order JSqlParser lists them.
 */
final class MergeGrammar {
    private MergeGrammar() {}

    /** Parses {@code text} with {@code parser}, bridging the two forms when the statement is a MERGE that uses them. */
    static Statement parse(String text, Function<String, Statement> parser) {
        List<SqlLexer.Word> words = SqlLexer.topLevelWords(text);
        StringBuilder rewritten = new StringBuilder();
        List<Integer> doNothing = new ArrayList<>();
        int copied = 0;
        int clause = -1;
        boolean matched = false;
        for (int i = 0; i < words.size(); i++) {
            if (SqlLexer.is(words, i, "when") && (SqlLexer.is(words, i + 1, "matched") || SqlLexer.is(words, i + 1, "not") && SqlLexer.is(words, i + 2, "matched"))) {
                clause++;
                matched = SqlLexer.is(words, i + 1, "matched");
            } else if (clause >= 0 && SqlLexer.is(words, i, "then") && SqlLexer.is(words, i + 1, "do") && SqlLexer.is(words, i + 2, "nothing")) {
                rewritten.append(text, copied, words.get(i + 1).start()).append(matched ? "DELETE" : "INSERT VALUES (DEFAULT)");
                copied = words.get(i + 2).end();
                doNothing.add(clause);
            } else if (clause >= 0 && SqlLexer.is(words, i, "insert") && SqlLexer.is(words, i + 1, "default") && SqlLexer.is(words, i + 2, "values")) {
                rewritten.append(text, copied, words.get(i + 1).start()).append("VALUES (DEFAULT)");
                copied = words.get(i + 2).end();
            }
        }
        if (copied == 0) return parser.apply(text);
        rewritten.append(text, copied, text.length());
        Statement statement = parser.apply(rewritten.toString());
        if (statement instanceof Merge merge) markDoNothing(merge, doNothing);
        return statement;
    }

    private static void markDoNothing(Merge merge, List<Integer> clauses) {
        List<MergeOperation> operations = new ArrayList<>(merge.getOperations());
        for (int clause : clauses) {
            if (clause >= operations.size()) continue;
            MergeOperation stand = operations.get(clause);
            Expression condition = stand instanceof MergeDelete d ? d.getAndPredicate() : stand instanceof MergeInsert in ? in.getAndPredicate() : null;
            operations.set(clause, new MergeDoNothing(stand instanceof MergeDelete, condition));
        }
        merge.setOperations(operations);
    }

}
