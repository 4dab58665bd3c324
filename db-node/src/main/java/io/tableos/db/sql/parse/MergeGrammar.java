package io.tableos.db.sql.parse;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
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
 * their {@code WHEN [NOT] MATCHED} headers outside parentheses and CASE expressions (a source
 * column may be called matched), in the order JSqlParser lists them; a stand-in found where the
 * count says is checked to be one, so a miscount is an error rather than a DELETE or INSERT.
 */
final class MergeGrammar {
    private MergeGrammar() {}

    /** A WHEN clause written as DO NOTHING: its position among the WHEN clauses and whether it is WHEN MATCHED. */
    private record StandIn(int clause, boolean matched) {}

    /** Parses {@code text} with {@code parser}, bridging the two forms when the statement is a MERGE that uses them. */
    static Statement parse(String text, Function<String, Statement> parser) {
        List<SqlLexer.Word> words = SqlLexer.topLevelWords(text);
        StringBuilder rewritten = new StringBuilder();
        List<StandIn> doNothing = new ArrayList<>();
        int copied = 0;
        int clause = -1;
        int caseDepth = 0;
        boolean matched = false;
        for (int i = 0; i < words.size(); i++) {
            if (SqlLexer.is(words, i, "case")) caseDepth++;
            else if (SqlLexer.is(words, i, "end") && caseDepth > 0) caseDepth--;
            else if (caseDepth == 0 && SqlLexer.is(words, i, "when") && (SqlLexer.is(words, i + 1, "matched") || SqlLexer.is(words, i + 1, "not") && SqlLexer.is(words, i + 2, "matched"))) {
                clause++;
                matched = SqlLexer.is(words, i + 1, "matched");
            } else if (clause >= 0 && SqlLexer.is(words, i, "then") && SqlLexer.is(words, i + 1, "do") && SqlLexer.is(words, i + 2, "nothing")) {
                rewritten.append(text, copied, words.get(i + 1).start()).append(matched ? "DELETE" : "INSERT VALUES (DEFAULT)");
                copied = words.get(i + 2).end();
                doNothing.add(new StandIn(clause, matched));
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

    private static void markDoNothing(Merge merge, List<StandIn> standIns) {
        List<MergeOperation> operations = new ArrayList<>(merge.getOperations());
        for (StandIn standIn : standIns) {
            MergeOperation stand = standIn.clause() < operations.size() ? operations.get(standIn.clause()) : null;
            Expression condition;
            if (standIn.matched() && stand instanceof MergeDelete d) condition = d.getAndPredicate();
            else if (!standIn.matched() && stand instanceof MergeInsert in && in.getValues() != null && in.getValues().size() == 1) condition = in.getAndPredicate();
            else throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot tell this MERGE's WHEN clauses apart around DO NOTHING");
            operations.set(standIn.clause(), new MergeDoNothing(standIn.matched(), condition));
        }
        merge.setOperations(operations);
    }

}
