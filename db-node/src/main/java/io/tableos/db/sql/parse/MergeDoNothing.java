package io.tableos.db.sql.parse;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeOperationVisitor;

/**
 * {@code WHEN [NOT] MATCHED [AND condition] THEN DO NOTHING} of a MERGE, which JSqlParser's
 * grammar lacks: {@link MergeGrammar} puts one in the statement's list of WHEN clauses where the
 * text said DO NOTHING. Only our planner reads it; JSqlParser's visitors never see it.
 */
public record MergeDoNothing(boolean matched, Expression condition) implements MergeOperation {
    @Override
    public <S, T> T accept(MergeOperationVisitor<T> visitor, S context) {
        throw new UnsupportedOperationException("DO NOTHING is TableOS's own MERGE clause");
    }

    @Override
    public String toString() {
        return " WHEN " + (matched ? "" : "NOT ") + "MATCHED" + (condition == null ? "" : " AND " + condition) + " THEN DO NOTHING";
    }
}
